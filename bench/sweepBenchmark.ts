// Benchmark (a): the phase-transition preset's sweep, run whole by our engine (runExperiment on
// the bundled worker, as `lth run` does) and by the NumPy baseline on the same trainings. For
// equal work both run a fixed number of iterations (tolerance 0), and the two sides' results
// are compared (phase boundary, errors where N is ample) so that a fast wrong answer shows.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { phaseBoundary, type BoundaryCell, type PhaseBoundary } from '../src/core/families/teacher-student/phaseBoundary';
import { describe } from '../src/core/analysis/statistics';
import { summarizeSweep } from '../src/core/analysis/sweepSummary';
import { formatProblem } from '../src/core/config/experimentProblem';
import { loadExperimentFile } from '../src/core/config/loadExperimentFile';
import { runExperiment } from '../src/core/execution/runExperiment';
import { WorkerPool } from '../src/core/execution/workerPool';
import type { TrialTask } from '../src/core/execution/workerProtocol';
import { teacherStudentFamily } from '../src/core/families/teacher-student/family';
import { SWEEP_AXES, type Experiment, type SweepCell, type TrialMetrics, type TrialRecord, type TrialSpec } from '../src/core/families/teacher-student/types';
import { readTrialLog } from '../src/core/runs/trialLog';
import { listTrialJobs, type TrialJob } from '../src/core/sweep/trialJobs';
import { trialSpec } from '../src/core/families/teacher-student/trialSpec';
import { sparseIterationFlops } from './flops';
import type { NumpyJob, NumpyResult } from './numpyBaseline';

export interface BenchSweep {
  /** The preset with tolerance 0, written to a temporary folder. */
  configPath: string;
  experiment: Experiment;
  jobs: TrialJob[];
  /** Where the config and the run folders live; removed by dispose(). */
  folder: string;
  dispose(): void;
}

/** The preset as a fixed-iteration sweep: the same file with `training.tolerance` set to 0 (and `trials` replaced if given). */
export async function loadBenchSweep(presetPath: string, trials?: number): Promise<BenchSweep> {
  let text = readFileSync(presetPath, 'utf8');
  const folder = mkdtempSync(join(tmpdir(), 'lth-bench-'));
  const configPath = join(folder, 'phase-transition.lth.json');
  text = applyEdits(text, modify(text, ['training', 'tolerance'], 0, {}));
  if (trials !== undefined) text = applyEdits(text, modify(text, ['trials'], trials, {}));
  writeFileSync(configPath, text);
  const parsed = await loadExperimentFile(configPath);
  if (!parsed.ok) throw new Error(`${presetPath}: ${parsed.problems.map((problem) => formatProblem(presetPath, problem)).join('; ')}`);
  const experiment = parsed.experiment as Experiment;
  checkBaselineCovers(experiment, presetPath);
  return { configPath, experiment, jobs: listTrialJobs(SWEEP_AXES, experiment), folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The NumPy baseline implements only the phase-transition setting: say so if the preset leaves it. */
function checkBaselineCovers(experiment: Experiment, presetPath: string): void {
  const { axes } = experiment;
  const problems: string[] = [];
  if (experiment.init !== 'near') problems.push(`init is "${experiment.init}", expected "near"`);
  if (experiment.batch !== 'full') problems.push(`batch is ${JSON.stringify(experiment.batch)}, expected "full"`);
  if (experiment.studentMask !== 'accurate') problems.push(`student mask is "${experiment.studentMask}", expected "accurate"`);
  if (experiment.teacherWeights !== 'unit-gaussian') problems.push(`teacher weights are "${experiment.teacherWeights}", expected "unit-gaussian"`);
  for (const axis of ['noiseStd', 'extraPerNeuron', 'missingPerNeuron'] as const) {
    if (axes[axis].some((value) => value !== 0)) problems.push(`${axis} is ${axes[axis].join(', ')}, expected 0`);
  }
  for (const axis of ['momentum', 'initDistance'] as const) {
    if (axes[axis].length !== 1) problems.push(`${axis} is swept, expected one value`);
  }
  if (problems.length > 0) throw new Error(`${presetPath}: the NumPy baseline cannot run this sweep: ${problems.join('; ')}`);
}

/** The same trainings for the baseline (its random streams are its own; the work is identical). */
export function numpyJobFor(sweep: BenchSweep): NumpyJob {
  const { experiment, jobs } = sweep;
  return {
    inputDim: experiment.inputDim,
    hiddenUnits: experiment.hiddenUnits,
    iterations: experiment.maxIterations,
    stepSize: experiment.stepSize,
    momentum: experiment.axes.momentum[0],
    initDistance: experiment.axes.initDistance[0],
    testSamples: experiment.testSamples,
    seed: experiment.seed,
    trainings: jobs.map((job) => ({ samples: job.cell.samples, nonzerosPerNeuron: job.cell.nonzerosPerNeuron })),
  };
}

export interface OurSweepRun {
  workers: number;
  /** runExperiment from call to return: config load, worker start, every training, the run folder. */
  wallSeconds: number;
  /** The sum of the trainings' own `seconds` (measured inside the workers). */
  trainingSeconds: number;
  records: TrialRecord[];
}

/** One whole run of the sweep on `workers` threads of the bundled trial worker. */
export async function runOurSweep(sweep: BenchSweep, workers: number, workerScript: string): Promise<OurSweepRun> {
  if (!existsSync(workerScript)) throw new Error(`${workerScript} not found: run \`npm run build\` first (npm run bench does)`);
  const outDir = mkdtempSync(join(sweep.folder, `runs-${workers}w-`));
  const started = performance.now();
  const outcome = await runExperiment({ configPath: sweep.configPath, outDir, workers, workerScript }, () => {});
  const wallSeconds = (performance.now() - started) / 1000;
  if (outcome.status !== 'completed') throw new Error(`benchmark sweep on ${workers} workers ended ${outcome.status}: ${outcome.message ?? ''}`);
  const records = readTrialLog(outcome.runDir).records as TrialRecord[];
  rmSync(outDir, { recursive: true, force: true });
  const trainingSeconds = records.reduce((sum, record) => sum + record.seconds, 0);
  return { workers, wallSeconds, trainingSeconds, records };
}

export interface WarmPoolRun {
  workers: number;
  wallSeconds: number;
  trainingSeconds: number;
}

/**
 * The same trainings on a pool that has already run them once (JIT and WASM code optimized, test
 * set cached), without a run folder: how the trainings themselves scale with workers, apart from
 * each run's start-up and warm-up. A diagnostic, not what a user's run costs.
 */
export async function runWarmPool(sweep: BenchSweep, workers: number, workerScript: string): Promise<WarmPoolRun> {
  const specs = sweep.jobs.map((job) => trialSpec(sweep.experiment, job.cell as SweepCell, job.trial));
  const pool = new WorkerPool<TrialTask, TrialMetrics>(workerScript, workers);
  const task = (spec: TrialSpec): TrialTask => ({ kind: teacherStudentFamily.kind, spec });
  try {
    await Promise.all(specs.map((spec) => pool.run(task(spec))));
    const started = performance.now();
    const results = await Promise.all(specs.map((spec) => pool.run(task(spec))));
    const wallSeconds = (performance.now() - started) / 1000;
    return { workers, wallSeconds, trainingSeconds: results.reduce((sum, metrics) => sum + metrics.seconds, 0) };
  } finally {
    await pool.terminate();
  }
}

/** Useful (mask-only) flops of the trainings' descent iterations. */
export function sweepFlops(trainings: ReadonlyArray<{ samples: number; nonzerosPerNeuron: number; iterations: number }>, hiddenUnits: number): number {
  let flops = 0;
  for (const training of trainings) flops += training.iterations * sparseIterationFlops(training.samples, hiddenUnits, training.nonzerosPerNeuron);
  return flops;
}

export interface SweepCrossCheck {
  /** N* = a·r + b from our records and from the baseline's, with the crossings. */
  ours: PhaseBoundary;
  numpy: PhaseBoundary;
  /** Success rate over the whole grid, each side. */
  oursSuccessRate: number;
  numpySuccessRate: number;
  /** Median relative weight error per r at the largest N (where N is ample), each side. */
  largestSamples: number;
  medianErrorsAtLargestSamples: Array<{ nonzerosPerNeuron: number; ours: number; numpy: number }>;
}

/** Do both sides find the same physics? Our records against the baseline's errors for the same trainings. */
export function crossCheck(sweep: BenchSweep, records: readonly TrialRecord[], numpy: NumpyResult): SweepCrossCheck {
  const threshold = sweep.experiment.successThreshold;
  const numpyTrainings = sweep.jobs.map((job, index) => ({ ...(job.cell as SweepCell), relativeError: numpy.relativeErrors[index] }));
  const ours = summarizeSweep(teacherStudentFamily, records).phaseBoundary as PhaseBoundary | null;
  if (!ours) throw new Error('the benchmark sweep must vary both samples and nonzerosPerNeuron');

  const numpyCells = new Map<string, BoundaryCell>();
  for (const training of numpyTrainings) {
    const key = `${training.nonzerosPerNeuron}/${training.samples}`;
    const cell = numpyCells.get(key) ?? { values: { nonzerosPerNeuron: training.nonzerosPerNeuron, samples: training.samples }, trials: 0, successes: 0 };
    cell.trials++;
    if (training.relativeError < threshold) cell.successes++;
    numpyCells.set(key, cell);
  }

  const largestSamples = Math.max(...sweep.experiment.axes.samples);
  const medianAt = (trainings: ReadonlyArray<{ samples: number; nonzerosPerNeuron: number; relativeError: number }>, r: number) =>
    describe(trainings.filter((training) => training.samples === largestSamples && training.nonzerosPerNeuron === r).map((training) => training.relativeError)).median;

  return {
    ours,
    numpy: phaseBoundary([...numpyCells.values()]),
    oursSuccessRate: records.filter((record) => record.success).length / records.length,
    numpySuccessRate: numpyTrainings.filter((training) => training.relativeError < threshold).length / numpyTrainings.length,
    largestSamples,
    medianErrorsAtLargestSamples: sweep.experiment.axes.nonzerosPerNeuron.map((r) => ({
      nonzerosPerNeuron: r,
      ours: medianAt(records, r),
      numpy: medianAt(numpyTrainings, r),
    })),
  };
}
