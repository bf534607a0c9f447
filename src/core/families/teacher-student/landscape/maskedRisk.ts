// The student's empirical risk f(W) = 1/(2N) sum_n (g(W; x_n) - y_n)^2 on its mask (paper.md §2):
// preactivations, residuals and the Hessian-vector product, as plain explicit loops. The
// landscape measurements call these a few hundred times per trial, far from the descent's hot
// loop, so clarity beats the WASM kernel here; the tests check the product against finite
// differences of a gradient they write themselves.
import type { SparsityPattern } from '../model/sparseRows';

/** Training data as runTrial holds it: features-major inputs (feature f of sample n at f*samples + n). */
export interface RiskData {
  pattern: SparsityPattern;
  inputs: Float64Array;
  labels: Float64Array;
  samples: number;
}

/** z_jn = <w_j, x_n> over row j's mask entries, row j at [j*N, (j+1)*N). */
export function preactivations(data: RiskData, values: Float64Array, target = new Float64Array(data.pattern.rowCount * data.samples)): Float64Array {
  const { pattern, inputs, samples } = data;
  target.fill(0);
  for (let row = 0; row < pattern.rowCount; row++) {
    const rowOffset = row * samples;
    for (let entry = pattern.rowStart[row]; entry < pattern.rowStart[row + 1]; entry++) {
      const weight = values[entry];
      const featureOffset = pattern.columnIndex[entry] * samples;
      for (let sample = 0; sample < samples; sample++) target[rowOffset + sample] += weight * inputs[featureOffset + sample];
    }
  }
  return target;
}

/** Residuals g(W; x_n) - y_n from preactivations. */
export function residuals(data: RiskData, preactivation: Float64Array, target = new Float64Array(data.samples)): Float64Array {
  const { pattern, labels, samples } = data;
  const rows = pattern.rowCount;
  target.fill(0);
  // Row by row (contiguous), relu as (z + |z|)/2: exact, and free of the branch that a sign
  // pattern as random as the inputs' makes the CPU mispredict half the time.
  for (let row = 0; row < rows; row++) {
    const rowOffset = row * samples;
    for (let sample = 0; sample < samples; sample++) {
      const value = preactivation[rowOffset + sample];
      target[sample] += value + Math.abs(value);
    }
  }
  for (let sample = 0; sample < samples; sample++) target[sample] = target[sample] / (2 * rows) - labels[sample];
  return target;
}

/** (1/(N K)) sum_n u_n 1[z_jn > 0] x_in for every mask entry (j, i): J^T u / N. */
function maskedBackProjection(data: RiskData, preactivation: Float64Array, perSample: Float64Array, target: Float64Array): Float64Array {
  const { pattern, inputs, samples } = data;
  const scale = 1 / (samples * pattern.rowCount);
  // The per-sample factor with row j's activation folded in once, so the loop over entries is
  // a branch-free dot product.
  const activeFactor = new Float64Array(samples);
  for (let row = 0; row < pattern.rowCount; row++) {
    const rowOffset = row * samples;
    for (let sample = 0; sample < samples; sample++) activeFactor[sample] = preactivation[rowOffset + sample] > 0 ? perSample[sample] : 0;
    for (let entry = pattern.rowStart[row]; entry < pattern.rowStart[row + 1]; entry++) {
      const featureOffset = pattern.columnIndex[entry] * samples;
      let sum = 0;
      for (let sample = 0; sample < samples; sample++) sum += activeFactor[sample] * inputs[featureOffset + sample];
      target[entry] = sum * scale;
    }
  }
  return target;
}

/**
 * H v for the Hessian of f on the mask at the point whose preactivations are given. For ReLU
 * the network is piecewise linear in W, so wherever no z_jn is exactly 0 (almost everywhere)
 * the term res_n * (second derivative of g) vanishes and the Hessian IS the Gauss-Newton matrix
 * (1/N) sum_n J_n J_n^T, J_n = d g(W; x_n) / dW = (1/K) 1[z_jn > 0] x_n on row j's mask entries.
 * The kinks themselves (a measure-zero set) are what the convex radius probes, not this.
 */
export function hessianVectorProduct(data: RiskData, preactivation: Float64Array, direction: Float64Array, target = new Float64Array(direction.length)): Float64Array {
  const { pattern, samples } = data;
  const rows = pattern.rowCount;
  // J_n v = (1/K) sum_j 1[z_jn > 0] <v_j, x_n>.
  const directional = preactivations(data, direction);
  const jacobianTimesDirection = new Float64Array(samples);
  for (let row = 0; row < rows; row++) {
    const rowOffset = row * samples;
    for (let sample = 0; sample < samples; sample++) {
      if (preactivation[rowOffset + sample] > 0) jacobianTimesDirection[sample] += directional[rowOffset + sample] / rows;
    }
  }
  return maskedBackProjection(data, preactivation, jacobianTimesDirection, target);
}
