// How far from W* the empirical risk stays strongly convex along one direction (paper.md claim 1).
// For ReLU the risk is piecewise quadratic: between kinks its curvature is the Gauss-Newton form
// (never negative), and all of its non-convexity sits at the kinks, where a sample's
// preactivation changes sign and the slope of the risk can drop. The exact restriction is thus
// non-convex at the first such kink, ~1/N away, whatever the network: meaningless as a radius.
// So convexity is tested at a resolution h (relative distance), by second differences of the
// restriction phi(s) = f(W* + s |W*|_F v) on a grid of step h, which sum the curvature and every
// kink in each window: the test at s is  phi(s+h) - 2 phi(s) + phi(s-h) >= mu |W*|_F^2 h^2.
import { residuals, type RiskData } from './maskedRisk';

export interface RadiusSettings {
  /** mu: the curvature (in the Hessian's units) the risk must keep to count as strongly convex. */
  modulus: number;
  /** h, in relative distance |W - W*|_F / |W*|_F. */
  resolution: number;
  /** Where the scan stops: a direction still convex there reports this (a lower bound). */
  maxRadius: number;
}

/** phi(s) along one direction, in O(N K) per point from the preactivations of W* and of the step. */
function riskAlongDirection(data: RiskData, teacherPreactivations: Float64Array, stepPreactivations: Float64Array): (distance: number) => number {
  const point = new Float64Array(teacherPreactivations.length);
  const residual = new Float64Array(data.samples);
  return (distance) => {
    for (let index = 0; index < point.length; index++) point[index] = teacherPreactivations[index] + distance * stepPreactivations[index];
    residuals(data, point, residual);
    let sum = 0;
    for (let sample = 0; sample < data.samples; sample++) sum += residual[sample] * residual[sample];
    return sum / (2 * data.samples);
  };
}

/**
 * The largest relative distance t on the grid h, 2h, ... such that every second difference
 * centred in (0, t] passes the test. A scan, not a bisection: the test at one point is not
 * monotone in the distance (a failing window can sit between passing ones), and "stays convex
 * up to t" needs every window before t anyway; each point costs O(N K).
 * `stepPreactivations`: the preactivations of |W*|_F v for the unit direction v.
 */
export function convexRadius(data: RiskData, teacherPreactivations: Float64Array, stepPreactivations: Float64Array, teacherNorm: number, settings: RadiusSettings): number {
  const { modulus, resolution, maxRadius } = settings;
  const riskAt = riskAlongDirection(data, teacherPreactivations, stepPreactivations);
  const required = modulus * teacherNorm * teacherNorm * resolution * resolution;
  const points = Math.floor(maxRadius / resolution + 1e-9);
  let previous = riskAt(0);
  let current = riskAt(resolution);
  for (let index = 1; index <= points; index++) {
    const next = riskAt((index + 1) * resolution);
    if (next - 2 * current + previous < required) return (index - 1) * resolution;
    previous = current;
    current = next;
  }
  return points * resolution;
}
