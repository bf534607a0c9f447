// Benchmark (b) and (c): one large training, d=1000, K=10, r=50, N=20000, near W*, a fixed
// number of iterations, on our WASM kernel, our plain-TypeScript kernel, and the NumPy
// baseline. Each side runs in a process of its own, so that its peak RSS is its own.
// Our seconds per iteration are a difference of two whole trainings (SHORT and SHORT + MEASURED
// iterations, same seed): the setup (data, labels, test set) cancels and only the iterations remain.
import { join } from 'node:path';
import type { TrialSpec } from '../src/core/families/teacher-student/types';
import { runChild } from './childProcess';
import { runNumpy, type NumpyJob, type NumpyResult, type NumpySetup } from './numpyBaseline';

export const LARGE_SHAPE = { inputDim: 1000, hiddenUnits: 10, nonzerosPerNeuron: 50, samples: 20000 } as const;
/** Iterations measured (per repeat), and the iterations of the shorter training subtracted. */
export const MEASURED_ITERATIONS = 100;
export const SHORT_ITERATIONS = 10;
const TEST_SAMPLES = 10000;

export type OurKernelName = 'wasm' | 'typescript';

export function largeTrialSpec(maxIterations: number): TrialSpec {
  return {
    seed: 1,
    testSetSeed: 2,
    ...LARGE_SHAPE,
    teacherWeights: 'unit-gaussian',
    noiseStd: 0,
    studentMask: 'accurate',
    extraPerNeuron: 0,
    missingPerNeuron: 0,
    init: 'near',
    initDistance: 0.3,
    stepSize: LARGE_SHAPE.hiddenUnits,
    momentum: 0.5,
    maxIterations,
    tolerance: 0,
    batch: 'full',
    curvePoints: 2,
    testSamples: TEST_SAMPLES,
    successThreshold: 1e-3,
  };
}

/** What the child process (largeTrainingChild.ts) prints. */
export interface OurLargeResult {
  kernel: OurKernelName;
  /** One per repeat. */
  secondsPerIteration: number[];
  /** Relative weight error after SHORT + MEASURED iterations (the run is not meant to converge). */
  relativeError: number;
  /** RSS after loading the modules, before any training, and the peak over the whole process. */
  startRssBytes: number;
  peakRssBytes: number;
}

/** Runs the large training `repeats` times on one of our kernels, in a fresh Node process. */
export async function runOurLarge(kernel: OurKernelName, repeats: number): Promise<OurLargeResult> {
  const { code, stdout, stderr } = await runChild(process.execPath, ['--import', 'tsx', join(__dirname, 'largeTrainingChild.ts'), kernel, String(repeats)]);
  if (code !== 0) throw new Error(`large training on the ${kernel} kernel exited with code ${code}: ${stderr.trim()}`);
  return JSON.parse(stdout) as OurLargeResult;
}

/** The same training for the baseline; its descent time over MEASURED iterations is what counts. */
export function runNumpyLarge(setup: NumpySetup, blasThreads: number | undefined): Promise<NumpyResult> {
  const job: NumpyJob = {
    inputDim: LARGE_SHAPE.inputDim,
    hiddenUnits: LARGE_SHAPE.hiddenUnits,
    iterations: MEASURED_ITERATIONS,
    stepSize: LARGE_SHAPE.hiddenUnits,
    momentum: 0.5,
    initDistance: 0.3,
    testSamples: TEST_SAMPLES,
    seed: 1,
    trainings: [{ samples: LARGE_SHAPE.samples, nonzerosPerNeuron: LARGE_SHAPE.nonzerosPerNeuron }],
  };
  return runNumpy(setup, job, blasThreads);
}
