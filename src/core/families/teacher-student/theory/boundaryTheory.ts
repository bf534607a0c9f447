// The theory's form of the phase boundary (paper.md claim 2): at fixed K the samples needed grow
// linearly with the non-zeros per neuron, N* = c·r, through the origin. Beside the measured
// crossings: c fitted to them, a seeded (smoothed) bootstrap over trials for c and each r's crossing,
// and a predicted success rate per (r, N) for the heatmap's tooltips. Pure (no Node APIs).
import { RandomStream } from '../../../random/randomStream';
import { phaseBoundary, type BoundaryCell, type BoundaryCrossing } from '../phaseBoundary';

/** Bootstrap replicates and the seed of their stream, unless a caller gives its own. */
export const BOOTSTRAP_REPLICATES = 200;
export const BOOTSTRAP_SEED = 20211;
/** A two-sided 95% percentile interval. */
const INTERVAL_TAIL = 0.025;

/** A 95% bootstrap interval; `high` is null when more than the tail of the replicates had no crossing within the grid (never succeeding). */
export interface Interval {
  low: number;
  high: number | null;
}

export interface CrossingInterval extends Interval {
  nonzerosPerNeuron: number;
}

export interface BoundaryTheory {
  /** c of N* = c·r: least squares through the origin over the measured crossings. */
  constant: number;
  /** The 95% bootstrap interval of c (resampling each cell's trials). */
  constantInterval: Interval;
  /** Per r with trials: the 95% bootstrap interval of its crossing N*. */
  crossingIntervals: CrossingInterval[];
  /** s of the predicted success rate 1 / (1 + (c·r / N)^s): its steepness in log N, fitted by maximum likelihood. */
  steepness: number;
  /** K of the runs, when known: the constant holds for this K. */
  hiddenUnits?: number;
  replicates: number;
  seed: number;
}

/** Least squares through the origin, y = c·x; null without a point at x ≠ 0. */
export function fitThroughOrigin(xs: readonly number[], ys: readonly number[]): number | null {
  let crossProducts = 0;
  let squares = 0;
  for (let index = 0; index < xs.length; index++) {
    crossProducts += xs[index] * ys[index];
    squares += xs[index] * xs[index];
  }
  return squares > 0 ? crossProducts / squares : null;
}

function proportionalConstant(crossings: readonly BoundaryCrossing[]): number | null {
  const crossed = crossings.filter((crossing) => crossing.criticalSamples !== null);
  return fitThroughOrigin(
    crossed.map((crossing) => crossing.nonzerosPerNeuron),
    crossed.map((crossing) => crossing.criticalSamples as number),
  );
}

/** The theory's success rate at (r, N) for constant c and steepness s: 1/2 on the line N = c·r. */
export function predictedSuccess(theory: Pick<BoundaryTheory, 'constant' | 'steepness'>, nonzerosPerNeuron: number, samples: number): number {
  return 1 / (1 + Math.pow((theory.constant * nonzerosPerNeuron) / samples, theory.steepness));
}

/**
 * Each cell's trials drawn again: Binomial(trials, rate) with the rate shrunk by half a success
 * and half a failure, (successes + 1/2) / (trials + 1). The plain resampling of a cell at 0% or
 * 100% never varies, which would call a crossing between two such cells exact however far
 * apart they are; the shrunk rate lets it move within its bracket.
 */
function resampleCells(cells: readonly BoundaryCell[], random: RandomStream): BoundaryCell[] {
  return cells.map((cell) => {
    const rate = (cell.successes + 0.5) / (cell.trials + 1);
    let successes = 0;
    for (let trial = 0; trial < cell.trials; trial++) if (random.nextFloat() < rate) successes++;
    return { values: cell.values, trials: cell.trials, successes };
  });
}

/** The value below which a fraction `level` of the sorted values lie (nearest rank). */
function quantile(sorted: readonly number[], level: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(level * sorted.length) - 1))];
}

function percentileInterval(values: number[]): Interval {
  values.sort((left, right) => left - right);
  const high = quantile(values, 1 - INTERVAL_TAIL);
  return { low: quantile(values, INTERVAL_TAIL), high: Number.isFinite(high) ? high : null };
}

/**
 * A crossing as one number for the bootstrap: N* when crossed; the smallest N when every grid
 * point succeeds (N* is at most that); +∞ when none does (N* is past the grid).
 */
function crossingValue(crossing: BoundaryCrossing, smallestSamples: number): number {
  if (crossing.status === 'crossed') return crossing.criticalSamples as number;
  return crossing.status === 'always-succeeds' ? smallestSamples : Number.POSITIVE_INFINITY;
}

/** Bootstrap intervals of each r's crossing, from `replicates` resamplings of the cells' trials. */
export function crossingIntervals(cells: readonly BoundaryCell[], replicates: number, random: RandomStream): { intervals: CrossingInterval[]; constants: number[] } {
  const smallest = new Map<number, number>();
  for (const cell of cells) {
    const { nonzerosPerNeuron, samples } = cell.values;
    smallest.set(nonzerosPerNeuron, Math.min(samples, smallest.get(nonzerosPerNeuron) ?? Infinity));
  }
  const perR = new Map<number, number[]>();
  const constants: number[] = [];
  for (let replicate = 0; replicate < replicates; replicate++) {
    const { crossings } = phaseBoundary(resampleCells(cells, random));
    for (const crossing of crossings) {
      const values = perR.get(crossing.nonzerosPerNeuron) ?? [];
      values.push(crossingValue(crossing, smallest.get(crossing.nonzerosPerNeuron) as number));
      perR.set(crossing.nonzerosPerNeuron, values);
    }
    const constant = proportionalConstant(crossings);
    if (constant !== null) constants.push(constant);
  }
  const intervals = [...perR.entries()]
    .sort(([left], [right]) => left - right)
    .map(([nonzerosPerNeuron, values]) => ({ nonzerosPerNeuron, ...percentileInterval(values) }));
  return { intervals, constants };
}

/**
 * The binomial log-likelihood of the cells under predictedSuccess with steepness s, maximized
 * over s by golden-section search in log s (the likelihood is unimodal in s for a fixed line).
 */
function fitSteepness(cells: readonly BoundaryCell[], constant: number): number {
  const logLikelihood = (steepness: number) => {
    let total = 0;
    for (const cell of cells) {
      const rate = Math.min(1 - 1e-12, Math.max(1e-12, predictedSuccess({ constant, steepness }, cell.values.nonzerosPerNeuron, cell.values.samples)));
      total += cell.successes * Math.log(rate) + (cell.trials - cell.successes) * Math.log(1 - rate);
    }
    return total;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.1);
  let high = Math.log(100);
  for (let step = 0; step < 60; step++) {
    const left = high - ratio * (high - low);
    const right = low + ratio * (high - low);
    if (logLikelihood(Math.exp(left)) >= logLikelihood(Math.exp(right))) high = right;
    else low = left;
  }
  return Math.exp((low + high) / 2);
}

/**
 * The theory beside the measured boundary of an (r, N) grid; null when no r crosses 50% within
 * the grid (nothing to fit). Same cells and options → same numbers (the bootstrap is seeded).
 */
export function boundaryTheory(
  cells: readonly BoundaryCell[],
  options: { replicates?: number; seed?: number; hiddenUnits?: number } = {},
): BoundaryTheory | null {
  const constant = proportionalConstant(phaseBoundary(cells).crossings);
  if (constant === null) return null;
  const replicates = options.replicates ?? BOOTSTRAP_REPLICATES;
  const seed = options.seed ?? BOOTSTRAP_SEED;
  const { intervals, constants } = crossingIntervals(cells, replicates, new RandomStream(seed));
  return {
    constant,
    constantInterval: percentileInterval(constants.length > 0 ? constants : [constant]),
    crossingIntervals: intervals,
    steepness: fitSteepness(cells, constant),
    ...(options.hiddenUnits === undefined ? {} : { hiddenUnits: options.hiddenUnits }),
    replicates,
    seed,
  };
}
