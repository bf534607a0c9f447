// Child process of benchmark (b)/(c): `node --import tsx bench/largeTrainingChild.ts KERNEL REPEATS`
// runs the large training on one kernel and prints an OurLargeResult as JSON (see largeTraining.ts).
import { requireWasmKernel } from '../src/core/families/teacher-student/kernels/kernelSelection';
import { typescriptKernel } from '../src/core/families/teacher-student/kernels/typescriptKernel';
import { runTrialWithKernel } from '../src/core/families/teacher-student/training/runTrial';
import { largeTrialSpec, MEASURED_ITERATIONS, SHORT_ITERATIONS, type OurLargeResult } from './largeTraining';

const [kernelName, repeatsText] = process.argv.slice(2);
if (kernelName !== 'wasm' && kernelName !== 'typescript') throw new Error(`kernel is ${JSON.stringify(kernelName)}, expected "wasm" or "typescript"`);
const repeats = Number(repeatsText);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`repeats is ${JSON.stringify(repeatsText)}, expected an integer >= 1`);

const kernel = kernelName === 'wasm' ? requireWasmKernel() : typescriptKernel;
const startRssBytes = process.memoryUsage().rss;
const secondsPerIteration: number[] = [];
let relativeError = NaN;
// Unmeasured: the first training pays for compiling (JIT, WASM tiers) and for fresh memory pages.
runTrialWithKernel(largeTrialSpec(SHORT_ITERATIONS), kernel);
for (let repeat = 0; repeat < repeats; repeat++) {
  const short = runTrialWithKernel(largeTrialSpec(SHORT_ITERATIONS), kernel);
  const long = runTrialWithKernel(largeTrialSpec(SHORT_ITERATIONS + MEASURED_ITERATIONS), kernel);
  if (long.iterations !== SHORT_ITERATIONS + MEASURED_ITERATIONS) {
    throw new Error(`the long training stopped after ${long.iterations} iterations, expected ${SHORT_ITERATIONS + MEASURED_ITERATIONS}`);
  }
  secondsPerIteration.push((long.seconds - short.seconds) / MEASURED_ITERATIONS);
  relativeError = long.relativeError;
}
// resourceUsage().maxRSS is in kilobytes.
const result: OurLargeResult = { kernel: kernelName, secondsPerIteration, relativeError, startRssBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
process.stdout.write(JSON.stringify(result));
