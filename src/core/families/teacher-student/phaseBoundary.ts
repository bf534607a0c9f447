// The phase boundary of paper.md §4: for each r, the sample count N* at which the success
// rate crosses 0.5 (interpolated in log N between grid points), and the straight-line fit
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
 * Estimates the boundary from cells of an (r, N) grid. Cells sharing (r, N) — when another
 * axis is swept too — are pooled (their trials added). The success rate need not be
 * monotone in N (few trials are noisy): the crossing used is the one above the largest N
 * whose rate is below 0.5, i.e. the sample count from which on every grid point succeeds.
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
        .map(([samples, pooled]) => ({ samples, rate: pooled.successes / pooled.trials }))
        .sort((left, right) => left.samples - right.samples);
      return { nonzerosPerNeuron, points };
    })
    .filter(({ points }) => points.length > 0)
    .map(({ nonzerosPerNeuron, points }) => ({ nonzerosPerNeuron, ...crossingOf(points) }));

  const crossed = crossings.filter((crossing) => crossing.criticalSamples !== null);
  const fit = fitLine(
    crossed.map((crossing) => crossing.nonzerosPerNeuron),
    crossed.map((crossing) => crossing.criticalSamples as number),
  );
  return { crossings, fit };
}

function crossingOf(points: ReadonlyArray<{ samples: number; rate: number }>): Omit<BoundaryCrossing, 'nonzerosPerNeuron'> {
  let lastBelow = -1;
  for (let index = 0; index < points.length; index++) if (points[index].rate < SUCCESS_LEVEL) lastBelow = index;
  if (lastBelow === -1) return { status: 'always-succeeds', criticalSamples: null };
  if (lastBelow === points.length - 1) return { status: 'never-succeeds', criticalSamples: null };
  const below = points[lastBelow];
  const above = points[lastBelow + 1];
  const fraction = (SUCCESS_LEVEL - below.rate) / (above.rate - below.rate);
  const logSamples = Math.log(below.samples) + fraction * (Math.log(above.samples) - Math.log(below.samples));
  return { status: 'crossed', criticalSamples: Math.exp(logSamples) };
}
