// The benchmark's results: one JSON-ready shape (written to bench/results/latest.json) and its
// rendering as the tables `npm run bench` prints (and BENCHMARKS.md quotes).
import { renderTicketResults, type TicketBenchResults } from './ticketResults';
import type { WarmTrainerResults } from './warmTrainerBenchmark';

export interface Timing {
  /** One per repeat, in seconds. */
  samples: number[];
  median: number;
  /** Other work on the machine only ever adds time: the minimum is the least disturbed repeat. */
  min: number;
}

export interface SweepSideResult {
  label: string;
  /** Wall time of the whole sweep (NumPy: its loop over trainings, without interpreter start). */
  seconds: Timing;
  trainingsPerSecond: number;
  /** Mask-only flops of the descent iterations per second (a lower bound on the kernel's rate). */
  usefulGflops: number;
  /** NumPy only: the dense flops its products actually perform, per second. */
  denseGflops?: number;
  /** Ours only: the sum of the trainings' own seconds (inside the workers) per worker; the rest of the wall time is start-up and waiting. */
  trainingSecondsPerWorker?: Timing;
  /** NumPy only: the seconds spent in the descent iterations (the rest is data, labels and the test set). */
  descentSeconds?: Timing;
  /** NumPy only: from starting Python to its exit (interpreter start and `import numpy` included). */
  processWallSeconds?: Timing;
}

export interface LargeSideResult {
  label: string;
  secondsPerIteration: Timing;
  usefulGflops: number;
  denseGflops?: number;
  peakRssBytes: number;
  /** RSS before the training (process start and module loading). */
  startRssBytes?: number;
  relativeError: number;
}

export interface Target {
  description: string;
  target: number;
  measured: number;
  met: boolean;
}

export interface BenchResults {
  date: string;
  machine: {
    cpuModel: string;
    cores: number;
    platform: string;
    node: string;
    loadAverageAtStart: number[];
    /** Above ~1 means other work shared the CPU during the run. */
    loadAverageAtEnd: number[];
    numpy: string;
    openBlas: { detectedCoreName: string | null; forcedCoreType: string | null; coreName: string | null; config: string | null };
  };
  repeats: number;
  sweep: {
    preset: string;
    trainings: number;
    iterationsPerTraining: number;
    testSamples: number;
    usefulFlops: number;
    ours: SweepSideResult[];
    /** Diagnostic: the trainings on an already warm pool (second pass), without a run folder. */
    oursWarmPool: SweepSideResult[];
    numpy: SweepSideResult[];
    crossCheck: {
      boundaryOurs: { slope: number; intercept: number; rSquared: number } | null;
      boundaryNumpy: { slope: number; intercept: number; rSquared: number } | null;
      successRateOurs: number;
      successRateNumpy: number;
      largestSamples: number;
      medianErrorsAtLargestSamples: Array<{ nonzerosPerNeuron: number; ours: number; numpy: number }>;
    };
  };
  /** Absent when run with --skip-large. */
  large?: {
    shape: { inputDim: number; hiddenUnits: number; nonzerosPerNeuron: number; samples: number };
    iterations: number;
    usefulFlopsPerIteration: number;
    denseFlopsPerIteration: number;
    ours: LargeSideResult[];
    numpy: LargeSideResult[];
  };
  /** (d) The same grid with more trials per cell, whole runs on 1 and 2 workers. */
  scaling?: { trialsPerCell: number; trainings: number; oneWorker: Timing; twoWorkers: Timing };
  /** (f): runs from the extension path on a warm trainer. */
  warmTrainer?: WarmTrainerResults;
  /** (e) The lottery-ticket family against PyTorch; absent with --skip-tickets. Its targets are its own. */
  tickets?: TicketBenchResults;
  targets: Target[];
}

export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { samples, median, min: sorted[0] };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const scientific = (value: number) => value.toExponential(2);

/** The human-readable report of a benchmark run. */
export function renderResults(results: BenchResults): string {
  const { machine, sweep, large } = results;
  const blas = machine.openBlas;
  const lines = [
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.platform}; Node ${machine.node}; NumPy ${machine.numpy}`,
    `OpenBLAS: ${blas.config ?? 'not found'} (detected core: ${blas.detectedCoreName ?? '?'}; forced: ${blas.forcedCoreType ?? 'no'})`,
    `Load average at start: ${loadText(machine.loadAverageAtStart)}, at the end: ${loadText(machine.loadAverageAtEnd)}; medians of ${results.repeats} repeats (minimum in brackets)`,
    '',
    `(a) ${sweep.preset}: ${sweep.trainings} trainings × ${sweep.iterationsPerTraining} iterations (tolerance 0), ${sweep.testSamples} test samples each`,
    table([
      ['side', 'seconds (min)', 'trainings/s', 'useful GFLOP/s', 'dense GFLOP/s', 'of which'],
      ...[...sweep.ours, ...sweep.numpy, ...sweep.oursWarmPool].map((side) => [
        side.label,
        `${fixed(side.seconds.median, 2)} (${fixed(side.seconds.min, 2)})`,
        fixed(side.trainingsPerSecond, 1),
        fixed(side.usefulGflops, 2),
        side.denseGflops === undefined ? '-' : fixed(side.denseGflops, 2),
        breakdownText(side),
      ]),
    ]),
    warmPoolText(sweep.oursWarmPool),
    '',
    'Cross-check (same trainings, independent random streams):',
    `  boundary N* = a·r + b  ours: ${boundaryText(sweep.crossCheck.boundaryOurs)}   NumPy: ${boundaryText(sweep.crossCheck.boundaryNumpy)}`,
    `  success rate over the grid  ours: ${fixed(sweep.crossCheck.successRateOurs, 3)}   NumPy: ${fixed(sweep.crossCheck.successRateNumpy, 3)}`,
    `  median relative error at N = ${sweep.crossCheck.largestSamples}: ` +
      sweep.crossCheck.medianErrorsAtLargestSamples.map((row) => `r=${row.nonzerosPerNeuron} ${scientific(row.ours)} / ${scientific(row.numpy)}`).join(', ') +
      ' (ours / NumPy)',
    '',
    ...(large ? largeTrainingLines(large) : ['(b, c) one large training: skipped (--skip-large)']),
    '',
    ...(results.scaling ? [scalingText(results.scaling), ''] : []),
    ...(results.warmTrainer ? [warmTrainerText(results.warmTrainer), ''] : []),
    ...(results.tickets ? [renderTicketResults(results.tickets), ''] : []),
    'Targets:',
    ...results.targets.map((target) => `  ${target.met ? 'met    ' : 'MISSED '} ${target.description}: ${fixed(target.measured, 2)}× (target ≥ ${target.target}×)`),
  ];
  return lines.join('\n');
}

function largeTrainingLines(large: NonNullable<BenchResults['large']>): string[] {
  return [
    `(b, c) one training: d=${large.shape.inputDim}, K=${large.shape.hiddenUnits}, r=${large.shape.nonzerosPerNeuron}, N=${large.shape.samples}, near W*, ${large.iterations} iterations`,
    `  flops per iteration: useful 4·N·K·r = ${scientific(large.usefulFlopsPerIteration)}; dense 4·N·K·d = ${scientific(large.denseFlopsPerIteration)}`,
    table([
      ['side', 'ms/iteration (min)', 'useful GFLOP/s', 'dense GFLOP/s', 'peak RSS', 'relative error'],
      ...[...large.ours, ...large.numpy].map((side) => [
        side.label,
        `${fixed(side.secondsPerIteration.median * 1000, 2)} (${fixed(side.secondsPerIteration.min * 1000, 2)})`,
        fixed(side.usefulGflops, 2),
        side.denseGflops === undefined ? '-' : fixed(side.denseGflops, 2),
        megabytes(side.peakRssBytes),
        scientific(side.relativeError),
      ]),
    ]),
  ];
}

function scalingText(scaling: NonNullable<BenchResults['scaling']>): string {
  const { trialsPerCell, trainings, oneWorker, twoWorkers } = scaling;
  return (
    `(d) the same grid with ${trialsPerCell} trials per cell (${trainings} trainings), whole runs: ` +
    `1 worker ${fixed(oneWorker.median, 2)} s (${fixed(oneWorker.min, 2)}), 2 workers ${fixed(twoWorkers.median, 2)} s (${fixed(twoWorkers.min, 2)}): ` +
    `${fixed(oneWorker.median / twoWorkers.median, 2)}× (${fixed(oneWorker.min / twoWorkers.min, 2)}× from the minima)`
  );
}

function loadText(loads: number[]): string {
  return loads.map((load) => load.toFixed(2)).join(' / ');
}

function warmPoolText(warmPool: SweepSideResult[]): string {
  if (warmPool.length !== 2) return '';
  const speedup = warmPool[0].seconds.median / warmPool[1].seconds.median;
  return `Warm pool (diagnostic: a second pass over the same trainings, no run folder): 2 workers vs 1 = ${fixed(speedup, 2)}×`;
}

function breakdownText(side: SweepSideResult): string {
  if (side.trainingSecondsPerWorker) return `${fixed(side.trainingSecondsPerWorker.median, 2)} s training per worker`;
  if (side.descentSeconds) {
    const processWall = side.processWallSeconds ? `; ${fixed(side.processWallSeconds.median, 2)} s with Python's start` : '';
    return `${fixed(side.descentSeconds.median, 2)} s descent${processWall}`;
  }
  return '';
}

function boundaryText(fit: { slope: number; intercept: number; rSquared: number } | null): string {
  return fit ? `a = ${fit.slope.toFixed(2)}, b = ${fit.intercept.toFixed(1)}, R² = ${fit.rSquared.toFixed(3)}` : 'no fit';
}

/**
 * The median of each repeat's own 1-worker / 2-worker ratio: the two runs of a repeat are
 * neighbours in time, so a machine that slows down for a minute (other tenants of the host)
 * moves both, where it would move only one side's median.
 */
function pairedSpeedUp(oneWorker: Timing, twoWorkers: Timing): number {
  return timing(oneWorker.samples.map((seconds, repeat) => seconds / twoWorkers.samples[repeat])).median;
}

export function warmTrainerText(warm: WarmTrainerResults): string {
  const { trainings, firstRun, oneWorker, twoWorkers, trainingSeconds } = warm;
  const seconds = (value: Timing) => `${fixed(value.median, 2)} s (${fixed(value.min, 2)})`;
  // Share of the wall time the workers spent training, from the medians.
  const busy = (training: Timing, wall: Timing, workers: number) => `${fixed((100 * training.median) / (wall.median * workers), 0)}%`;
  return [
    `(f) Runs from the extension path on a warm trainer (${trainings} trainings; host-side, run command to run-finished; medians, minima in brackets)`,
    table([
      ['', '1 worker', '2 workers', 'speed-up'],
      ['first run (fork included)', `${fixed(firstRun.oneWorker, 2)} s`, `${fixed(firstRun.twoWorkers, 2)} s`, `${fixed(firstRun.oneWorker / firstRun.twoWorkers, 2)}×`],
      ['later runs, warm', seconds(oneWorker), seconds(twoWorkers), `${fixed(oneWorker.median / twoWorkers.median, 2)}× (${fixed(oneWorker.min / twoWorkers.min, 2)}×)`],
      ['  paired: median of the repeats\' own ratios', '', '', `${fixed(pairedSpeedUp(oneWorker, twoWorkers), 2)}×`],
      ['  sum of the trainings\' own times', seconds(trainingSeconds.oneWorker), seconds(trainingSeconds.twoWorkers), `×${fixed(trainingSeconds.twoWorkers.median / trainingSeconds.oneWorker.median, 2)} on 2`],
      ['  workers busy (share of wall time)', busy(trainingSeconds.oneWorker, oneWorker, 1), busy(trainingSeconds.twoWorkers, twoWorkers, 2), ''],
    ]),
  ].join('\n');
}
