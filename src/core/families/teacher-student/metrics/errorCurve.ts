import type { ErrorCurve } from '../types';

/**
 * `points` iterations of the error history e_0 .. e_T, uniformly spaced in t and always holding
 * 0 and T (all of them when there are fewer). Uniform in t because convergence plots use a
 * linear iteration axis and a log error axis, where the linear phase is a straight line.
 */
export function downsampleCurve(errorHistory: Float64Array, iterations: number, points: number): ErrorCurve {
  const curve: ErrorCurve = { iterations: [], relativeError: [] };
  const count = Math.min(points, iterations + 1);
  for (let point = 0; point < count; point++) {
    // Spacing >= 1 iteration, so rounding never repeats an iteration.
    const iteration = Math.round((point * iterations) / Math.max(count - 1, 1));
    curve.iterations.push(iteration);
    curve.relativeError.push(errorHistory[iteration]);
  }
  return curve;
}
