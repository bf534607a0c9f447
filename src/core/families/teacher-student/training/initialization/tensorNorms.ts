// Neuron norms of the tensor initialization (step 4 of tensor.ts). With unit directions a_j found,
// M2 = Σ_j c_j a_j a_j^T, c_j = |w_j|/(K√(2π)), gives the normal equations
//   Σ_l (a_j·a_l)² c_l = a_j^T M2 a_j,
// and E[y] = Σ_j c_j fixes their sum. Three things keep the estimate honest at small N:
// - The quadratic forms a_j^T M2 a_j are measured on the half that did not choose the directions'
//   subspace. On the half whose M2 gave V, the directions lean towards that estimate's noise (its
//   top eigenvalues are the signal plus the noise's largest ones), and the norms came out several
//   times too large (d=100, K=5, r=20, N=187: relative error ~4 where norms alone are worth ~1.4).
// - Each c_j is shrunk towards their mean by how noisy it is next to how much the c_j differ
//   (empirical Bayes, James–Stein style): noisy forms give every neuron the same norm.
// - The c_j are then scaled to sum to E[y], the best-measured moment (√(2π)·E[y] is the mean neuron
//   norm): M2 sets their proportions, E[y] their scale, which also undoes the shortfall of a quadratic
//   form along a direction that is a little off.
// paper.md's recipe, magnitudes by least squares on M1 alone, measured worse once the directions are
// good (median relative error 0.34 against 0.18 here at d=100, K=5, r=20, N=1e4): M1 is a single
// vector, and neurons with overlapping directions trade norm through it. M1 still gives the signs.
import { solveLinearSystem } from '../../../../linalg/solveLinearSystem';
import type { SampleWindow } from './tensorMoments';

export interface NormEstimateInput {
  /** Unit directions on the mask union U, one per row; the first `found` were found by the tensor step. */
  directions: Float64Array;
  found: number;
  count: number;
  /** Samples not used to choose the directions' subspace, with their labels reduced by a fit from other samples. */
  heldOut: SampleWindow;
  /** √(2π)·E[y], the mean neuron norm. */
  typicalNorm: number;
}

/**
 * Norms for the `count` directions: those not found get the typical norm; an estimate below a tenth
 * of the mean is raised to it (a zero ReLU neuron would get no gradient).
 */
export function neuronNorms(input: NormEstimateInput): Float64Array {
  const { directions, found, count, heldOut, typicalNorm } = input;
  const unionSize = heldOut.coordinates.length;
  const { quotients, variances } = quadraticForms(directions, found, heldOut);
  const squaredGram = new Float64Array(found * found);
  for (let first = 0; first < found; first++) {
    for (let second = 0; second < found; second++) {
      let dot = 0;
      for (let coordinate = 0; coordinate < unionSize; coordinate++) dot += directions[first * unionSize + coordinate] * directions[second * unionSize + coordinate];
      squaredGram[first * found + second] = dot * dot;
    }
  }
  const coefficients = solveLinearSystem(squaredGram, quotients, found) ?? quotients;
  const common = typicalNorm / (count * Math.sqrt(2 * Math.PI));
  const norms = new Float64Array(count).fill(typicalNorm);
  let mean = 0;
  for (let component = 0; component < found; component++) mean += coefficients[component] / found;
  // No positive signal along the found directions (or one direction, whose share E[y] fixes): the mean norm.
  if (!(mean > 0) || found < 2) return norms;
  let spread = 0;
  let noise = 0;
  for (let component = 0; component < found; component++) {
    spread += (coefficients[component] - mean) ** 2;
    noise += variances[component];
  }
  const signalVariance = Math.max(0, spread / (found - 1) - noise / found);
  const shrunk = new Float64Array(found);
  let total = 0;
  for (let component = 0; component < found; component++) {
    const kept = signalVariance > 0 ? signalVariance / (signalVariance + variances[component]) : 0;
    shrunk[component] = Math.max(0.1 * mean, mean + kept * (coefficients[component] - mean));
    total += shrunk[component];
  }
  for (let component = 0; component < found; component++) {
    const norm = count * Math.sqrt(2 * Math.PI) * ((shrunk[component] * found * common) / total);
    if (Number.isFinite(norm)) norms[component] = norm;
  }
  return norms;
}

/**
 * a_j^T M2 a_j = E[y ((a_j·x)² − 1)] for unit a_j, as the mean over the window's samples, with the
 * variance of that mean (sample variance / n): O(found·|U|·n), no |U|×|U| matrix.
 */
function quadraticForms(directions: Float64Array, found: number, window: SampleWindow): { quotients: Float64Array; variances: Float64Array } {
  const { inputs, labels, samples, coordinates, start, end } = window;
  const unionSize = coordinates.length;
  const count = end - start;
  const projection = new Float64Array(count);
  const quotients = new Float64Array(found);
  const variances = new Float64Array(found);
  for (let component = 0; component < found; component++) {
    projection.fill(0);
    for (let coordinate = 0; coordinate < unionSize; coordinate++) {
      const weight = directions[component * unionSize + coordinate];
      const row = coordinates[coordinate] * samples + start;
      for (let offset = 0; offset < count; offset++) projection[offset] += weight * inputs[row + offset];
    }
    let sum = 0;
    for (let offset = 0; offset < count; offset++) sum += labels[start + offset] * (projection[offset] ** 2 - 1);
    const mean = sum / count;
    let squaredDeviations = 0;
    for (let offset = 0; offset < count; offset++) squaredDeviations += (labels[start + offset] * (projection[offset] ** 2 - 1) - mean) ** 2;
    quotients[component] = mean;
    variances[component] = count > 1 ? squaredDeviations / (count - 1) / count : Infinity;
  }
  return { quotients, variances };
}
