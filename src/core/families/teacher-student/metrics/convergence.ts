// Convergence summaries of the per-iteration error history e_0, e_1, ..., e_T (aligned relative
// weight error, e_t after t iterations).

/** Upper edge of the linear phase: below it the local linearization around W* dominates. */
const LINEAR_PHASE_UPPER = 1e-3;
/** Lower edge: above it rounding (~1e-15) does not yet flatten the decay. */
const LINEAR_PHASE_LOWER = 1e-10;
/** The phase also ends a decade above the final error, so a floor (noise, missing mask entries) is excluded. */
const FLOOR_MARGIN = 10;

/**
 * Geometric contraction factor of the error in its linear phase: exp(slope) of the least-squares
 * line through (t, ln e_t) over the iterations from the first with e_t <= 1e-3 up to (not
 * including) the first with e_t < max(1e-10, 10·e_T). Null with fewer than 3 such iterations.
 */
export function convergenceRate(errorHistory: Float64Array, iterations: number): number | null {
  const finalError = errorHistory[iterations];
  const lower = Math.max(LINEAR_PHASE_LOWER, FLOOR_MARGIN * finalError);
  const first = firstIterationAtOrBelow(errorHistory, iterations, LINEAR_PHASE_UPPER);
  if (first === null) return null;
  let end = first;
  while (end <= iterations && errorHistory[end] >= lower) end++;
  const pointCount = end - first;
  if (pointCount < 3) return null;
  let meanIteration = 0;
  let meanLogError = 0;
  for (let iteration = first; iteration < end; iteration++) {
    meanIteration += iteration;
    meanLogError += Math.log(errorHistory[iteration]);
  }
  meanIteration /= pointCount;
  meanLogError /= pointCount;
  let covariance = 0;
  let variance = 0;
  for (let iteration = first; iteration < end; iteration++) {
    const centered = iteration - meanIteration;
    covariance += centered * (Math.log(errorHistory[iteration]) - meanLogError);
    variance += centered * centered;
  }
  return Math.exp(covariance / variance);
}

/** The first t in 0..iterations with e_t <= threshold, or null if the error never got there. */
export function firstIterationAtOrBelow(errorHistory: Float64Array, iterations: number, threshold: number): number | null {
  for (let iteration = 0; iteration <= iterations; iteration++) if (errorHistory[iteration] <= threshold) return iteration;
  return null;
}
