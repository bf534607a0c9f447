// `npm run bench` (after `npm run build`): our engine against the NumPy baseline on this machine.
//   (a) the phase-transition preset's sweep at a fixed iteration count: 1 and 2 workers, NumPy;
//   (b) one large training: seconds per iteration and GFLOP/s, WASM and TypeScript kernels, NumPy;
//   (c) the peak RSS of (b);
//   (d) 1 against 2 workers on the same grid with SCALING_TRIALS trials per cell: how the
//       speed-up grows once the per-run start-up is small next to the training;
//   (e) the lottery-ticket family against PyTorch on CPU (bench/ticketBenchmark.ts);
//   (f) the preset from the extension path: later runs on a warm trainer, 1 and 2 workers.
// Prints a table and writes the same numbers to bench/results/latest.json.
// Options: --repeats N (default 3; medians are reported), --skip-large, --skip-tickets,
// --only tickets (just (e); its results replace the `tickets` part of latest.json), --only warm
// (just (f), likewise), --only adaptive (the adaptive boundary search against the full grid,
// bench/adaptiveBenchmark.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform } from 'node:os';
import { join } from 'node:path';
import { denseIterationFlops, sparseIterationFlops } from './flops';
import { LARGE_SHAPE, MEASURED_ITERATIONS, runNumpyLarge, runOurLarge, type OurKernelName } from './largeTraining';
import { openBlasCoreType, prepareNumpy, runNumpy, runNumpyInProcesses, type NumpyJob, type NumpyResult, type NumpySetup } from './numpyBaseline';
import { renderResults, timing, warmTrainerText, type BenchResults, type LargeSideResult, type SweepSideResult } from './results';
import { crossCheck, loadBenchSweep, numpyJobFor, runOurSweep, runWarmPool, sweepFlops, type OurSweepRun, type WarmPoolRun } from './sweepBenchmark';
import { benchmarkAdaptive, renderAdaptiveResults } from './adaptiveBenchmark';
import { benchmarkTickets } from './ticketBenchmark';
import { benchmarkWarmTrainer, type WarmTrainerResults } from './warmTrainerBenchmark';
import { renderTicketResults } from './ticketResults';

const ROOT = join(__dirname, '..');
const PRESET = join(ROOT, 'examples', 'phase-transition.lth.json');
const WORKER_SCRIPT = join(ROOT, 'dist', 'trialWorker.js');
const TRAINER_SCRIPT = join(ROOT, 'dist', 'trainer.js');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'latest.json');
const GIGA = 1e9;
/** Trials per cell of (d): 4× the preset's 5. */
const SCALING_TRIALS = 20;

function parseOptions(argv: string[]) {
  let repeats = 3;
  let skipLarge = false;
  let skipTickets = false;
  let onlyTickets = false;
  let onlyAdaptive = false;
  let onlyWarm = false;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--repeats') {
      repeats = Number(argv[++index]);
      if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats ${argv[index]}: expected an integer >= 1`);
    } else if (argv[index] === '--skip-large') skipLarge = true;
    else if (argv[index] === '--skip-tickets') skipTickets = true;
    else if (argv[index] === '--only') {
      const only = argv[++index];
      if (only !== 'tickets' && only !== 'adaptive' && only !== 'warm') throw new Error(`--only ${only}: expected --only tickets, adaptive or warm`);
      if (only === 'tickets') onlyTickets = true;
      else if (only === 'adaptive') onlyAdaptive = true;
      else onlyWarm = true;
    } else throw new Error(`unknown option ${argv[index]}; expected --repeats N, --skip-large, --skip-tickets or --only tickets|adaptive|warm`);
  }
  return { repeats, skipLarge, skipTickets, onlyTickets, onlyAdaptive, onlyWarm };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** The core OpenBLAS picks by itself (a tiny job without OPENBLAS_CORETYPE). */
async function detectedOpenBlasCore(numpy: NumpySetup): Promise<string | null> {
  const tinyJob: NumpyJob = { inputDim: 4, hiddenUnits: 1, iterations: 1, stepSize: 1, momentum: 0, initDistance: 0.3, testSamples: 4, seed: 1, trainings: [{ samples: 4, nonzerosPerNeuron: 2 }] };
  return (await runNumpy(numpy, tinyJob, undefined, null)).blas?.coreName ?? null;
}

async function benchmarkSweep(numpy: NumpySetup, repeats: number) {
  const sweep = await loadBenchSweep(PRESET);
  try {
    const numpyJob = numpyJobFor(sweep);
    const ours: Record<1 | 2, OurSweepRun[]> = { 1: [], 2: [] };
    const warmPool: Record<1 | 2, WarmPoolRun[]> = { 1: [], 2: [] };
    const numpyOneProcess: NumpyResult[] = [];
    const numpyTwoProcesses: NumpyResult[] = [];
    log('(a) sweep, warm-up (not measured): ours on 2 workers, NumPy in 2 processes');
    await runOurSweep(sweep, 2, WORKER_SCRIPT);
    await runNumpyInProcesses(numpy, numpyJob, 2);
    // Repeats interleave the sides, so a change in machine load touches all of them alike.
    for (let repeat = 1; repeat <= repeats; repeat++) {
      log(`(a) sweep, repeat ${repeat}/${repeats}: ours on 1 and 2 workers (runs, then warm pools), NumPy in 1 process (BLAS default threads) and in 2 processes × 1 thread`);
      ours[1].push(await runOurSweep(sweep, 1, WORKER_SCRIPT));
      ours[2].push(await runOurSweep(sweep, 2, WORKER_SCRIPT));
      warmPool[1].push(await runWarmPool(sweep, 1, WORKER_SCRIPT));
      warmPool[2].push(await runWarmPool(sweep, 2, WORKER_SCRIPT));
      numpyOneProcess.push(await runNumpy(numpy, numpyJob));
      numpyTwoProcesses.push(await runNumpyInProcesses(numpy, numpyJob, 2));
    }
    const trainings = sweep.jobs.length;
    const flops = sweepFlops(ours[2][0].records, sweep.experiment.hiddenUnits);
    for (const run of [...ours[1], ...ours[2]]) {
      if (sweepFlops(run.records, sweep.experiment.hiddenUnits) !== flops) throw new Error('our sweep ran a different number of iterations between repeats (expected tolerance 0)');
    }
    const numpyTrainings = numpyJob.trainings.map((training) => ({ ...training, iterations: numpyJob.iterations }));
    const numpyFlops = sweepFlops(numpyTrainings, sweep.experiment.hiddenUnits);
    const denseFlops = numpyTrainings.reduce((sum, training) => sum + training.iterations * denseIterationFlops(training.samples, numpyJob.hiddenUnits, numpyJob.inputDim), 0);

    const ourSide = (label: string, workers: 1 | 2, runs: Array<OurSweepRun | WarmPoolRun>): SweepSideResult => {
      const seconds = timing(runs.map((run) => run.wallSeconds));
      return {
        label: `${label}, ${workers} worker${workers === 1 ? '' : 's'}`,
        seconds,
        trainingsPerSecond: trainings / seconds.median,
        usefulGflops: flops / seconds.median / GIGA,
        trainingSecondsPerWorker: timing(runs.map((run) => run.trainingSeconds / workers)),
      };
    };
    const numpySide = (label: string, runs: NumpyResult[]): SweepSideResult => {
      const seconds = timing(runs.map((run) => run.seconds));
      return {
        label,
        seconds,
        trainingsPerSecond: trainings / seconds.median,
        usefulGflops: numpyFlops / seconds.median / GIGA,
        denseGflops: denseFlops / seconds.median / GIGA,
        descentSeconds: timing(runs.map((run) => run.descentSeconds)),
        processWallSeconds: timing(runs.map((run) => run.wallSeconds)),
      };
    };
    const check = crossCheck(sweep, ours[2][0].records, numpyOneProcess[0]);
    const fitOf = (boundary: typeof check.ours) => (boundary.fit ? { slope: boundary.fit.slope, intercept: boundary.fit.intercept, rSquared: boundary.fit.rSquared } : null);
    return {
      result: {
        preset: 'examples/phase-transition.lth.json',
        trainings,
        iterationsPerTraining: sweep.experiment.maxIterations,
        testSamples: sweep.experiment.testSamples,
        usefulFlops: flops,
        ours: [ourSide('ours', 1, ours[1]), ourSide('ours', 2, ours[2])],
        oursWarmPool: [ourSide('ours, warm pool', 1, warmPool[1]), ourSide('ours, warm pool', 2, warmPool[2])],
        numpy: [
          numpySide(`NumPy, 1 process (${numpyOneProcess[0].blas?.threads ?? '?'} BLAS threads)`, numpyOneProcess),
          numpySide('NumPy, 2 processes × 1 thread', numpyTwoProcesses),
        ],
        crossCheck: {
          boundaryOurs: fitOf(check.ours),
          boundaryNumpy: fitOf(check.numpy),
          successRateOurs: check.oursSuccessRate,
          successRateNumpy: check.numpySuccessRate,
          largestSamples: check.largestSamples,
          medianErrorsAtLargestSamples: check.medianErrorsAtLargestSamples,
        },
      } satisfies BenchResults['sweep'],
      blas: numpyOneProcess[0].blas,
      numpyVersion: numpyOneProcess[0].numpy,
    };
  } finally {
    sweep.dispose();
  }
}

async function benchmarkLarge(numpySetup: NumpySetup, repeats: number): Promise<BenchResults['large']> {
  const useful = sparseIterationFlops(LARGE_SHAPE.samples, LARGE_SHAPE.hiddenUnits, LARGE_SHAPE.nonzerosPerNeuron);
  const dense = denseIterationFlops(LARGE_SHAPE.samples, LARGE_SHAPE.hiddenUnits, LARGE_SHAPE.inputDim);
  const ours: LargeSideResult[] = [];
  for (const kernel of ['wasm', 'typescript'] as OurKernelName[]) {
    log(`(b) large training on our ${kernel} kernel, ${repeats} repeats`);
    const run = await runOurLarge(kernel, repeats);
    const secondsPerIteration = timing(run.secondsPerIteration);
    ours.push({
      label: `ours, ${kernel} kernel`,
      secondsPerIteration,
      usefulGflops: useful / secondsPerIteration.median / GIGA,
      peakRssBytes: run.peakRssBytes,
      startRssBytes: run.startRssBytes,
      relativeError: run.relativeError,
    });
  }
  const numpy: LargeSideResult[] = [];
  for (const threads of [undefined, 1]) {
    log(`(b) large training in NumPy (${threads ?? 'default'} BLAS threads), ${repeats} repeats`);
    const runs: NumpyResult[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) runs.push(await runNumpyLarge(numpySetup, threads));
    const secondsPerIteration = timing(runs.map((run) => run.descentSeconds / MEASURED_ITERATIONS));
    numpy.push({
      label: `NumPy, ${runs[0].blas?.threads ?? '?'} BLAS thread${runs[0].blas?.threads === 1 ? '' : 's'}`,
      secondsPerIteration,
      usefulGflops: useful / secondsPerIteration.median / GIGA,
      denseGflops: dense / secondsPerIteration.median / GIGA,
      peakRssBytes: Math.max(...runs.map((run) => run.peakRssBytes)),
      relativeError: runs[0].relativeErrors[0],
    });
  }
  return { shape: { ...LARGE_SHAPE }, iterations: MEASURED_ITERATIONS, usefulFlopsPerIteration: useful, denseFlopsPerIteration: dense, ours, numpy };
}

/** (d): whole runs of the larger sweep on 1 and 2 workers, interleaved. */
async function benchmarkScaling(repeats: number): Promise<NonNullable<BenchResults['scaling']>> {
  const sweep = await loadBenchSweep(PRESET, SCALING_TRIALS);
  try {
    const seconds: Record<1 | 2, number[]> = { 1: [], 2: [] };
    for (let repeat = 1; repeat <= repeats; repeat++) {
      log(`(d) ${sweep.jobs.length} trainings, repeat ${repeat}/${repeats}: ours on 1 and 2 workers`);
      for (const workers of [1, 2] as const) seconds[workers].push((await runOurSweep(sweep, workers, WORKER_SCRIPT)).wallSeconds);
    }
    return { trialsPerCell: SCALING_TRIALS, trainings: sweep.jobs.length, oneWorker: timing(seconds[1]), twoWorkers: timing(seconds[2]) };
  } finally {
    sweep.dispose();
  }
}

/** (f): the preset from the extension path on warm trainers. */
async function benchmarkWarm(repeats: number): Promise<WarmTrainerResults> {
  const sweep = await loadBenchSweep(PRESET);
  try {
    return await benchmarkWarmTrainer(sweep, TRAINER_SCRIPT, repeats, log);
  } finally {
    sweep.dispose();
  }
}

/** `--only warm`: section (f) alone; its results replace the `warmTrainer` part of an existing latest.json. */
async function onlyWarm(repeats: number) {
  const loadAverageAtStart = loadavg();
  const warmTrainer = await benchmarkWarm(repeats);
  const previous = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Partial<BenchResults>) : {};
  const warmTrainerRun = { date: new Date().toISOString(), loadAverageAtStart, loadAverageAtEnd: loadavg() };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previous, warmTrainer, warmTrainerRun }, null, 2)}\n`);
  process.stdout.write(
    `Load average at start ${loadAverageAtStart.map((load) => load.toFixed(2)).join(' / ')}, at the end ${warmTrainerRun.loadAverageAtEnd.map((load) => load.toFixed(2)).join(' / ')}\n\n` +
      `${warmTrainerText(warmTrainer)}\n\nWritten to ${RESULTS_FILE} (warmTrainer)\n`,
  );
}

/** `--only tickets`: section (e) alone; its results replace the `tickets` part of an existing latest.json. */
async function onlyTickets(repeats: number) {
  const loadAverageAtStart = loadavg();
  const tickets = await benchmarkTickets(repeats, WORKER_SCRIPT, log);
  const previous = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Partial<BenchResults>) : {};
  const ticketsRun = { date: new Date().toISOString(), cpuModel: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism(), node: process.version, loadAverageAtStart, loadAverageAtEnd: loadavg() };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previous, tickets, ticketsRun }, null, 2)}\n`);
  process.stdout.write(
    `Machine: ${ticketsRun.cpuModel}, ${ticketsRun.cores} cores; Node ${ticketsRun.node}; load average at start ${loadAverageAtStart.map((load) => load.toFixed(2)).join(' / ')}, ` +
      `at the end ${ticketsRun.loadAverageAtEnd.map((load) => load.toFixed(2)).join(' / ')}\n\n${renderTicketResults(tickets)}\n\nWritten to ${RESULTS_FILE} (tickets)\n`,
  );
}

/** `--only adaptive`: trainings of the adaptive boundary search against the full grid; its results replace the `adaptive` part of latest.json. */
async function onlyAdaptive() {
  const adaptive = await benchmarkAdaptive(WORKER_SCRIPT, log);
  const previous = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previous, adaptive }, null, 2)}\n`);
  process.stdout.write(`${renderAdaptiveResults(adaptive)}\n\nWritten to ${RESULTS_FILE} (adaptive)\n`);
}

async function main() {
  const { repeats, skipLarge, skipTickets, onlyTickets: ticketsAlone, onlyAdaptive: adaptiveAlone, onlyWarm: warmAlone } = parseOptions(process.argv.slice(2));
  if (adaptiveAlone) return onlyAdaptive();
  const loadAverageAtStart = loadavg();
  if (loadAverageAtStart[0] >= 1) log(`warning: load average ${loadAverageAtStart[0].toFixed(2)} ≥ 1: other work shares the CPU, timings will be pessimistic`);
  if (ticketsAlone) return onlyTickets(repeats);
  if (warmAlone) return onlyWarm(repeats);
  const numpy = await prepareNumpy(log);
  const detectedCoreName = await detectedOpenBlasCore(numpy);
  const sweep = await benchmarkSweep(numpy, repeats);
  const large = skipLarge ? undefined : await benchmarkLarge(numpy, repeats);
  const scaling = await benchmarkScaling(repeats);
  const warmTrainer = await benchmarkWarm(repeats);
  const tickets = skipTickets ? undefined : await benchmarkTickets(repeats, WORKER_SCRIPT, log);

  const bestNumpy = Math.min(...sweep.result.numpy.map((side) => side.seconds.median));
  const [oneWorker, twoWorkers] = sweep.result.ours.map((side) => side.seconds.median);
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      cores: availableParallelism(),
      platform: platform(),
      node: process.version,
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
      numpy: sweep.numpyVersion,
      openBlas: { detectedCoreName, forcedCoreType: openBlasCoreType(), coreName: sweep.blas?.coreName ?? null, config: sweep.blas?.config ?? null },
    },
    repeats,
    sweep: sweep.result,
    large,
    scaling,
    warmTrainer,
    tickets,
    targets: [
      { description: 'sweep: ours (2 workers) vs the faster NumPy variant', target: 4, measured: bestNumpy / twoWorkers, met: bestNumpy / twoWorkers >= 4 },
      { description: 'sweep: ours 2 workers vs 1 worker', target: 1.8, measured: oneWorker / twoWorkers, met: oneWorker / twoWorkers >= 1.8 },
      {
        description: 'sweep from the extension path, later runs on a warm trainer: 2 workers vs 1',
        target: 1.8,
        measured: warmTrainer.oneWorker.median / warmTrainer.twoWorkers.median,
        met: warmTrainer.oneWorker.median / warmTrainer.twoWorkers.median >= 1.8,
      },
    ],
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderResults(results)}\n\nWritten to ${RESULTS_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
