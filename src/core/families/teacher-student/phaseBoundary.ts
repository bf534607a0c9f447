// The phase boundary of paper.md §4: for each r, the sample count N* at which the success
// rate crosses 0.5 (interpolated in log N between grid points, on the rate made monotone), and the straight-line fit
// N* = a·r + b with its R². Pure (no Node APIs): the panel webview bundles this.
import { fitLine, type LinearFit } from '../../analysis/linearFit';

/** One grid point: a (r, N) cell with its trial outcomes. */
export interface BoundaryCell {
  values: { nonzerosPerNeuron: number; samples: number };
  trials: number;
  successes: number;
}

/**
 * Where the success rate crosses 0.5 for one r.
 * - 'crossed': N* lies within the grid (interpolated in log N);
 * - 'always-succeeds': no grid point is below 0.5, so N* <= the smallest N (not fitted);
 * - 'never-succeeds': the largest N is still below 0.5, so N* > the largest N (not fitted).
 */
export interface BoundaryCrossing {
  nonzerosPerNeuron: number;
  status: 'crossed' | 'always-succeeds' | 'never-succeeds';
  /** N*; null unless status is 'crossed'. */
  criticalSamples: number | null;
}

export interface PhaseBoundary {
  /** One entry per r, by increasing r. */
  crossings: BoundaryCrossing[];
  /** Least squares N* = slope·r + intercept over the 'crossed' points; null with fewer than two distinct r. */
  fit: LinearFit | null;
}

const SUCCESS_LEVEL = 0.5;

/**
 * Estimates the boundary from cells of an (r, N) grid, or of any N an adaptive search probed.
 * Cells sharing (r, N) — when another axis is swept too — are pooled (their trials added). The
 * measured rate need not be monotone in N (few trials are noisy): it is made so first by
 * pooling adjacent violators (monotoneRates), then its 0.5 crossing is interpolated.
 */
export function phaseBoundary(cells: readonly BoundaryCell[]): PhaseBoundary {
  // r -> N -> pooled [trials, successes]
  const grid = new Map<number, Map<number, { trials: number; successes: number }>>();
  for (const cell of cells) {
    const { nonzerosPerNeuron, samples } = cell.values;
    let bySamples = grid.get(nonzerosPerNeuron);
    if (!bySamples) grid.set(nonzerosPerNeuron, (bySamples = new Map()));
    const pooled = bySamples.get(samples) ?? { trials: 0, successes: 0 };
    pooled.trials += cell.trials;
    pooled.successes += cell.successes;
    bySamples.set(samples, pooled);
  }

  const crossings = [...grid.entries()]
    .sort(([leftR], [rightR]) => leftR - rightR)
    .map(([nonzerosPerNeuron, bySamples]) => {
      const points = [...bySamples.entries()]
        .filter(([, pooled]) => pooled.trials > 0)
        .map(([samples, pooled]) => ({ samples, ...pooled }))
        .sort((left, right) => left.samples - right.samples);
      return { nonzerosPerNeuron, points };
    })
    .filter(({ points }) => points.length > 0)
    .map(({ nonzerosPerNeuron, points }) => {
      const { status, criticalSamples } = monotoneCrossing(points);
      return { nonzerosPerNeuron, status, criticalSamples };
    });

  const crossed = crossings.filter((crossing) => crossing.criticalSamples !== null);
  const fit = fitLine(
    crossed.map((crossing) => crossing.nonzerosPerNeuron),
    crossed.map((crossing) => crossing.criticalSamples as number),
  );
  return { crossings, fit };
}

/**
 * The success rate made non-decreasing in N by pooling adjacent violators (weighted by trials):
 * the least-squares monotone fit. Each point gets its block's pooled rate.
 */
export function monotoneRates(points: ReadonlyArray<{ trials: number; successes: number }>): number[] {
  const blocks: Array<{ trials: number; successes: number; count: number }> = [];
  for (const point of points) {
    blocks.push({ trials: point.trials, successes: point.successes, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const previous = blocks[blocks.length - 2];
      if (previous.successes / previous.trials <= last.successes / last.trials) break;
      blocks.pop();
      previous.trials += last.trials;
      previous.successes += last.successes;
      previous.count += last.count;
    }
  }
  return blocks.flatMap((block) => Array.from({ length: block.count }, () => block.successes / block.trials));
}

/** Where a monotone rate crosses 0.5, and the two sample counts around it (its bracket). */
export interface MonotoneCrossing extends Omit<BoundaryCrossing, 'nonzerosPerNeuron'> {
  /** Indices of the last point below 0.5 and the first at or above it; -1 where there is none. */
  below: number;
  above: number;
}

export function monotoneCrossing(points: ReadonlyArray<{ samples: number; trials: number; successes: number }>): MonotoneCrossing {
  const rates = monotoneRates(points);
  const above = rates.findIndex((rate) => rate >= SUCCESS_LEVEL);
  if (above === 0) return { status: 'always-succeeds', criticalSamples: null, below: -1, above };
  if (above === -1) return { status: 'never-succeeds', criticalSamples: null, below: points.length - 1, above };
  const below = above - 1;
  const logSamples = (index: number) => Math.log(points[index].samples);
  if (rates[above] === SUCCESS_LEVEL) {
    // A pooled block exactly at 0.5: the boundary is its geometric middle.
    let last = above;
    while (last + 1 < rates.length && rates[last + 1] === SUCCESS_LEVEL) last++;
    return { status: 'crossed', criticalSamples: Math.exp((logSamples(above) + logSamples(last)) / 2), below, above };
  }
  const fraction = (SUCCESS_LEVEL - rates[below]) / (rates[above] - rates[below]);
  return { status: 'crossed', criticalSamples: Math.exp(logSamples(below) + fraction * (logSamples(above) - logSamples(below))), below, above };
}
