// `npm run bench -- --only adaptive`: how many trainings the adaptive boundary search needs for
// the precision the full grid gets, measured. For each experiment seed: the phase-transition
// grid (d = 100, K = 5, r = 5..30, N = 25..300 on 10 points, init near, noiseless) with
// GRID_TRIALS trials per cell; its precision is the median over r of the relative width of the
// 95% bootstrap interval of N*(r). Then the adaptive search over the same N range, asked for that
// width, and its own precision measured the same way from its records.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from '../src/core/execution/runExperiment';
import { phaseBoundary, type BoundaryCell } from '../src/core/families/teacher-student/phaseBoundary';
import { boundaryTheory } from '../src/core/families/teacher-student/theory/boundaryTheory';
import { readTrialLog } from '../src/core/runs/trialLog';

const SEEDS = [1, 2, 3];
const GRID_TRIALS = 10;
const PROBE_TRIALS = 4;
const ADAPTIVE_BUDGET = 200;
const R_VALUES = [5, 10, 15, 20, 25, 30];
const N_VALUES = [25, 50, 75, 100, 125, 150, 175, 200, 250, 300];

export interface BoundaryMeasurement {
  trainings: number;
  /** Median over r of (high − low) / N* of the 95% bootstrap interval. */
  medianRelativeWidth: number;
  /** N*(r) by r (null where the rate does not cross 50% in the range). */
  criticalSamples: Array<number | null>;
  seconds: number;
}

export interface AdaptiveComparison {
  seed: number;
  grid: BoundaryMeasurement;
  adaptive: BoundaryMeasurement & { width: number };
}

function experiment(seed: number, samples: unknown, trials: number) {
  return {
    kind: 'teacher-student',
    name: 'adaptive-bench',
    seed,
    teacher: { inputDim: 100, hiddenUnits: 5, nonzerosPerNeuron: R_VALUES },
    samples,
    trials,
    training: { init: 'near', initDistance: 0.3, momentum: 0.5, maxIterations: 1000, curvePoints: 10 },
    evaluation: { testSamples: 1000 },
  };
}

async function measure(folder: string, file: object, workerScript: string): Promise<BoundaryMeasurement> {
  const configPath = join(folder, `${Date.now()}-${Math.random().toString(36).slice(2)}.lth.json`);
  writeFileSync(configPath, JSON.stringify(file));
  const started = performance.now();
  const outcome = await runExperiment({ configPath, outDir: join(folder, 'runs'), workers: 2, durable: false, workerScript }, () => {});
  const seconds = (performance.now() - started) / 1000;
  if (outcome.status !== 'completed') throw new Error(`bench run ${outcome.status}: ${outcome.message ?? ''}`);
  const cells = new Map<string, BoundaryCell>();
  const records = readTrialLog(outcome.runDir).records;
  for (const record of records) {
    const key = `${record.nonzerosPerNeuron},${record.samples}`;
    const cell = cells.get(key) ?? { values: { nonzerosPerNeuron: record.nonzerosPerNeuron as number, samples: record.samples as number }, trials: 0, successes: 0 };
    cell.trials++;
    if (record.success === true) cell.successes++;
    cells.set(key, cell);
  }
  const boundary = phaseBoundary([...cells.values()]);
  const theory = boundaryTheory([...cells.values()]);
  const widths = boundary.crossings.map((crossing) => {
    const interval = theory?.crossingIntervals.find((candidate) => candidate.nonzerosPerNeuron === crossing.nonzerosPerNeuron);
    if (crossing.criticalSamples === null || !interval || interval.high === null) return Number.POSITIVE_INFINITY;
    return (interval.high - interval.low) / crossing.criticalSamples;
  });
  widths.sort((left, right) => left - right);
  const middle = widths.length >> 1;
  return {
    trainings: records.length,
    medianRelativeWidth: widths.length % 2 === 1 ? widths[middle] : (widths[middle - 1] + widths[middle]) / 2,
    criticalSamples: boundary.crossings.map((crossing) => crossing.criticalSamples),
    seconds,
  };
}

export async function benchmarkAdaptive(workerScript: string, log: (message: string) => void): Promise<AdaptiveComparison[]> {
  const folder = mkdtempSync(join(tmpdir(), 'lth-bench-adaptive-'));
  try {
    const comparisons: AdaptiveComparison[] = [];
    for (const seed of SEEDS) {
      log(`adaptive, seed ${seed}: the full grid (${R_VALUES.length * N_VALUES.length * GRID_TRIALS} trainings)`);
      const grid = await measure(folder, experiment(seed, N_VALUES, GRID_TRIALS), workerScript);
      const width = grid.medianRelativeWidth;
      log(`adaptive, seed ${seed}: the search asked for width ${width.toFixed(3)}`);
      const adaptive = await measure(
        folder,
        experiment(seed, { adaptive: { min: N_VALUES[0], max: N_VALUES[N_VALUES.length - 1], trials: ADAPTIVE_BUDGET, width } }, PROBE_TRIALS),
        workerScript,
      );
      comparisons.push({ seed, grid, adaptive: { ...adaptive, width } });
    }
    return comparisons;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const format = (value: number | null) => (value === null ? '-' : Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 0) : '∞');

export function renderAdaptiveResults(comparisons: readonly AdaptiveComparison[]): string {
  const lines = [
    `| seed | grid trainings | grid median width | adaptive trainings | adaptive median width | trainings saved | N*(r) grid | N*(r) adaptive |`,
    `|---|---|---|---|---|---|---|---|`,
  ];
  for (const { seed, grid, adaptive } of comparisons) {
    lines.push(
      `| ${seed} | ${grid.trainings} | ${format(grid.medianRelativeWidth)} | ${adaptive.trainings} | ${format(adaptive.medianRelativeWidth)} | ` +
        `${Math.round((1 - adaptive.trainings / grid.trainings) * 100)}% | ${grid.criticalSamples.map((value) => format(value)).join(', ')} | ${adaptive.criticalSamples.map((value) => format(value)).join(', ')} |`,
    );
  }
  return lines.join('\n');
}
