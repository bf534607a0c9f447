// The paper's tensor (moment-method) initialization, after Zhong, Song, Jain, Bartlett, Dhillon
// 2017, restricted to the union U of the student's mask supports (paper.md §2). The moments are
// those of tensorMoments.ts; with c_j = |w_j|/(K√(2π)):
//   1. V = top-K eigenvectors of M2 = Σ c_j w̄_j w̄_j^T (on U), eigenvalues D.
//   2. Whitening by D^{-1/2} makes the directions μ_j = √c_j D^{-1/2} V^T w̄_j orthonormal, and
//      M4(V D^{-1/2}, V D^{-1/2}, V D^{-1/2}, α) = Σ_j −(α·w̄_j)/√c_j μ_j^⊗3 orthogonally decomposable.
//   3. Power method → μ_j; direction w̄_j ∝ V D^{1/2} μ_j, up to sign (M2 and M4 are even in w_j).
//   4. Norms: proportions by least squares on M2 measured on held-out samples, scale from E[y]
//      (tensorNorms.ts); signs by least squares on M1 = (1/(2K)) Σ_j w_j (odd in w_j).
//   5. Components are matched to mask rows (Hungarian on retained energy) and projected.
//
// Sample split: M2 (which fixes V and the whitening) on the first half, M4 on the second half, so
// that the tensor is an unbiased estimate given V, as the analysis assumes. Halves beat 1/3–2/3
// splits either way in our runs: with the control variate below, M2's subspace error matters as
// much as M4's noise. Each half's labels are reduced by the low-degree Hermite part of y
// (tensorMoments.ts, LowDegreeFit) fitted on the *other* half, so the fit stays independent of the
// samples it is subtracted from (cross-fitting). M1 (α, signs) uses all samples: a first moment,
// whose noise is small next to M4's.
import { minimumCostAssignment } from '../../../../linalg/assignment';
import { solveLinearSystem } from '../../../../linalg/solveLinearSystem';
import { symmetricEigen } from '../../../../linalg/symmetricEigen';
import {
  firstMoment,
  fourthMomentContracted,
  labelMean,
  lowDegreeResiduals,
  secondMoment,
  type SampleWindow,
} from './tensorMoments';
import { neuronNorms } from './tensorNorms';
import { decomposeSymmetricTensor } from './tensorPowerMethod';

export interface TensorInitializationInput {
  inputDim: number;
  hiddenUnits: number;
  samples: number;
  /** Features-major d×N: feature f of sample n at f*samples+n. */
  inputs: Float64Array;
  /** Length N. */
  labels: Float64Array;
  /** Per student row j (K rows): sorted support indices of that row's mask. */
  masks: Int32Array[];
  random: { nextGaussian(): number; nextFloat(): number };
}

/** Eigenvalues of M2 below this fraction of the largest are raised to it before whitening. */
const WHITENING_FLOOR = 1e-3;

/** Dense K×d row-major weights, zero outside each row's mask, rows assigned to mask rows. */
export function tensorInitialization(input: TensorInitializationInput): Float64Array {
  validateInput(input);
  const { inputDim, hiddenUnits, samples, inputs, labels, masks, random } = input;
  const weights = new Float64Array(hiddenUnits * inputDim);
  const coordinates = maskUnion(masks, inputDim);
  const unionSize = coordinates.length;
  if (unionSize === 0) return weights;

  const windowOf = (start: number, end: number): SampleWindow => ({ inputs, labels, samples, coordinates, start, end });
  // With a single sample there is nothing to split: both halves are that sample.
  const half = samples >= 2 ? Math.floor(samples / 2) : samples;
  const firstHalf = windowOf(0, half);
  const secondHalf = samples >= 2 ? windowOf(half, samples) : firstHalf;
  const allSamples = windowOf(0, samples);
  const firstHalfMean = labelMean(firstHalf);
  const secondHalfMean = labelMean(secondHalf);
  const firstHalfFirstMoment = centeredFirstMoment(firstHalf);

  const firstMomentEstimate = centeredFirstMoment(allSamples);
  const typicalNorm = typicalNeuronNorm(labelMean(allSamples));
  const rank = Math.min(hiddenUnits, unionSize);
  const secondMomentResiduals = lowDegreeResiduals(firstHalf, { mean: secondHalfMean, linear: centeredFirstMoment(secondHalf) });
  const secondMomentEstimate = secondMoment({ ...firstHalf, labels: secondMomentResiduals });
  const eigen = symmetricEigen(secondMomentEstimate, unionSize);
  const basis = eigen.vectors.subarray(0, rank * unionSize);
  const whiteningScale = whiteningScales(eigen.values, rank);
  const alpha = alphaDirection(firstMomentEstimate, basis, rank, unionSize, random);

  const fourthMomentResiduals = lowDegreeResiduals(secondHalf, {
    mean: firstHalfMean,
    linear: firstHalfFirstMoment,
    quadraticVectors: basis,
    quadraticValues: eigen.values.subarray(0, rank),
  });
  const tensor = fourthMomentContracted({ ...secondHalf, labels: fourthMomentResiduals }, basis, rank, alpha);
  whiten(tensor, rank, whiteningScale);
  const whitened = decomposeSymmetricTensor(tensor, rank, rank, random);

  const components = new Float64Array(hiddenUnits * unionSize);
  components.set(unwhiten(whitened.vectors, basis, whiteningScale, rank, unionSize));
  // |U| < K: the subspace holds only |U| neurons; the others start as random directions.
  for (let component = rank; component < hiddenUnits; component++) {
    randomUnitVector(components.subarray(component * unionSize, (component + 1) * unionSize), random);
  }
  const heldOut = { ...secondHalf, labels: lowDegreeResiduals(secondHalf, { mean: firstHalfMean, linear: firstHalfFirstMoment }) };
  const norms = neuronNorms({ directions: components, found: rank, count: hiddenUnits, heldOut, typicalNorm });
  const signs = signsFromFirstMoment(components, hiddenUnits, unionSize, firstMomentEstimate);
  for (let component = 0; component < hiddenUnits; component++) {
    const scale = signs[component] * norms[component];
    for (let coordinate = 0; coordinate < unionSize; coordinate++) components[component * unionSize + coordinate] *= scale;
  }
  projectOntoMasks(components, masks, coordinates, inputDim, weights, random);
  return weights;
}

/** E[(y − ȳ) x]: centring leaves E[y x] unchanged (E[x] = 0) and removes the mean's share of the noise. */
function centeredFirstMoment(window: SampleWindow): Float64Array {
  return firstMoment({ ...window, labels: lowDegreeResiduals(window, { mean: labelMean(window) }) });
}

/**
 * E[y] = (1/K) Σ_j |w_j|/√(2π), so √(2π)·E[y] is the mean neuron norm: the scale used wherever the
 * moments say nothing (all labels zero, M1 ≈ 0); 1 (unit rows) when even E[y] is not positive.
 */
function typicalNeuronNorm(meanLabel: number): number {
  const norm = Math.sqrt(2 * Math.PI) * meanLabel;
  return norm > 0 && Number.isFinite(norm) ? norm : 1;
}

/** √D for the top `rank` eigenvalues, floored so that whitening never divides by ~0 or a negative. */
function whiteningScales(eigenvalues: Float64Array, rank: number): Float64Array {
  const scales = new Float64Array(rank);
  const largest = eigenvalues[0];
  // M2 with no positive eigenvalue carries no direction (e.g. all labels zero): do not whiten.
  if (!(largest > 0)) return scales.fill(1);
  for (let index = 0; index < rank; index++) scales[index] = Math.sqrt(Math.max(eigenvalues[index], WHITENING_FLOOR * largest));
  return scales;
}

/**
 * α = M1 projected onto span(V), normalized. α·w̄_j scales the tensor's weights, so α should see
 * every neuron: M1 ∝ Σ_j w_j does. Projecting drops the noise outside the subspace, where the
 * tensor has no signal; when M1 ≈ 0 what remains is a random direction in span(V), which still
 * sees every neuron (a random direction in all of U would see each one only by ~1/√|U|).
 */
function alphaDirection(
  firstMomentEstimate: Float64Array,
  basis: Float64Array,
  rank: number,
  unionSize: number,
  random: { nextGaussian(): number },
): Float64Array {
  const coefficients = new Float64Array(rank);
  for (let component = 0; component < rank; component++) {
    let dot = 0;
    for (let coordinate = 0; coordinate < unionSize; coordinate++) dot += basis[component * unionSize + coordinate] * firstMomentEstimate[coordinate];
    coefficients[component] = dot;
  }
  if (!(norm(coefficients) > 0)) randomUnitVector(coefficients, random);
  const alpha = new Float64Array(unionSize);
  for (let component = 0; component < rank; component++) {
    for (let coordinate = 0; coordinate < unionSize; coordinate++) alpha[coordinate] += coefficients[component] * basis[component * unionSize + coordinate];
  }
  return scaleToUnit(alpha);
}

/** T ← T(D^{-1/2}, D^{-1/2}, D^{-1/2}). */
function whiten(tensor: Float64Array, rank: number, scales: Float64Array): void {
  for (let a = 0; a < rank; a++) {
    for (let b = 0; b < rank; b++) {
      for (let c = 0; c < rank; c++) tensor[(a * rank + b) * rank + c] /= scales[a] * scales[b] * scales[c];
    }
  }
}

/** Unit directions V D^{1/2} μ_j on U, one per row. */
function unwhiten(whitenedVectors: Float64Array, basis: Float64Array, scales: Float64Array, rank: number, unionSize: number): Float64Array {
  const directions = new Float64Array(rank * unionSize);
  for (let component = 0; component < rank; component++) {
    const direction = directions.subarray(component * unionSize, (component + 1) * unionSize);
    for (let index = 0; index < rank; index++) {
      const weight = scales[index] * whitenedVectors[component * rank + index];
      for (let coordinate = 0; coordinate < unionSize; coordinate++) direction[coordinate] += weight * basis[index * unionSize + coordinate];
    }
    scaleToUnit(direction);
  }
  return directions;
}

/**
 * Signs from M1 = (1/(2K)) Σ_j s_j |w_j| a_j, the only moment that is odd in w: z = argmin
 * |2K·M1 − Σ_j z_j a_j|, s_j = sign(z_j) (+ for 0). Singular equations fall back to the signs of
 * the projections a_j·M1.
 */
function signsFromFirstMoment(directions: Float64Array, count: number, unionSize: number, firstMomentEstimate: Float64Array): Float64Array {
  const gram = new Float64Array(count * count);
  const projections = new Float64Array(count);
  for (let first = 0; first < count; first++) {
    const direction = directions.subarray(first * unionSize, (first + 1) * unionSize);
    projections[first] = 2 * count * dot(direction, firstMomentEstimate);
    for (let second = 0; second < count; second++) {
      gram[first * count + second] = dot(direction, directions.subarray(second * unionSize, (second + 1) * unionSize));
    }
  }
  const solution = solveLinearSystem(gram, projections, count) ?? projections;
  return solution.map((value) => (value < 0 ? -1 : 1));
}

function dot(first: Float64Array, second: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < first.length; index++) sum += first[index] * second[index];
  return sum;
}

/**
 * Matches components (rows on U) to mask rows by maximum total retained energy |P_mask w|², then
 * keeps each component only on its row's mask. A row that would come out all zero (its component
 * has no weight on that mask) gets a random direction on its mask with the component's norm
 * instead: a zero ReLU neuron gets no gradient and would never move.
 */
function projectOntoMasks(
  components: Float64Array,
  masks: Int32Array[],
  coordinates: Int32Array,
  inputDim: number,
  weights: Float64Array,
  random: { nextGaussian(): number },
): void {
  const count = masks.length;
  const unionSize = coordinates.length;
  const positionInUnion = new Int32Array(inputDim).fill(-1);
  coordinates.forEach((feature, position) => (positionInUnion[feature] = position));

  const cost = new Float64Array(count * count);
  for (let row = 0; row < count; row++) {
    for (let component = 0; component < count; component++) {
      let energy = 0;
      for (const feature of masks[row]) energy += components[component * unionSize + positionInUnion[feature]] ** 2;
      cost[row * count + component] = -energy;
    }
  }
  const componentOfRow = minimumCostAssignment(cost, count);

  for (let row = 0; row < count; row++) {
    const mask = masks[row];
    if (mask.length === 0) continue;
    const component = components.subarray(componentOfRow[row] * unionSize, (componentOfRow[row] + 1) * unionSize);
    const rowWeights = weights.subarray(row * inputDim, (row + 1) * inputDim);
    let retained = 0;
    for (const feature of mask) {
      rowWeights[feature] = component[positionInUnion[feature]];
      retained += rowWeights[feature] ** 2;
    }
    if (retained > 1e-24 * norm(component) ** 2 && retained > 0) continue;
    const replacement = randomUnitVector(new Float64Array(mask.length), random);
    const componentNorm = norm(component);
    mask.forEach((feature, index) => (rowWeights[feature] = componentNorm * replacement[index]));
  }
}

function norm(vector: Float64Array): number {
  return Math.sqrt(dot(vector, vector));
}

/** Scales in place to unit length; a zero vector stays zero. */
function scaleToUnit(vector: Float64Array): Float64Array {
  const length = norm(vector);
  if (length > 0) for (let index = 0; index < vector.length; index++) vector[index] /= length;
  return vector;
}

/** Fills `target` with a uniformly random unit vector (a coordinate axis if the generator yields only zeros). */
function randomUnitVector(target: Float64Array, random: { nextGaussian(): number }): Float64Array {
  for (let index = 0; index < target.length; index++) target[index] = random.nextGaussian();
  if (!(norm(target) > 0) || !Number.isFinite(norm(target))) {
    target.fill(0);
    target[0] = 1;
  }
  return scaleToUnit(target);
}

/** The sorted union of the mask supports. */
function maskUnion(masks: Int32Array[], inputDim: number): Int32Array {
  const used = new Uint8Array(inputDim);
  for (const mask of masks) for (const feature of mask) used[feature] = 1;
  const union: number[] = [];
  used.forEach((flag, feature) => flag && union.push(feature));
  return Int32Array.from(union);
}

function validateInput(input: TensorInitializationInput): void {
  const where = 'tensorInitialization';
  const { inputDim, hiddenUnits, samples, inputs, labels, masks, random } = input;
  const positiveInteger = (name: string, value: number): void => {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${where}: ${name} is ${value}, expected a positive integer`);
  };
  positiveInteger('inputDim', inputDim);
  positiveInteger('hiddenUnits', hiddenUnits);
  positiveInteger('samples', samples);
  if (!(inputs instanceof Float64Array) || inputs.length !== inputDim * samples) {
    throw new RangeError(`${where}: inputs has ${inputs?.length} entries, expected a Float64Array of inputDim×samples = ${inputDim * samples}`);
  }
  if (!(labels instanceof Float64Array) || labels.length !== samples) {
    throw new RangeError(`${where}: labels has ${labels?.length} entries, expected a Float64Array of samples = ${samples}`);
  }
  for (let index = 0; index < labels.length; index++) {
    if (!Number.isFinite(labels[index])) throw new RangeError(`${where}: labels[${index}] is ${labels[index]}, expected a finite number`);
  }
  for (let index = 0; index < inputs.length; index++) {
    if (!Number.isFinite(inputs[index])) {
      throw new RangeError(
        `${where}: inputs[${index}] (feature ${Math.floor(index / samples)}, sample ${index % samples}) is ${inputs[index]}, expected a finite number`,
      );
    }
  }
  if (!Array.isArray(masks) || masks.length !== hiddenUnits) {
    throw new RangeError(`${where}: masks has ${masks?.length} rows, expected one per hidden unit (${hiddenUnits})`);
  }
  masks.forEach((mask, row) => {
    if (!(mask instanceof Int32Array)) throw new RangeError(`${where}: masks[${row}] is not an Int32Array of feature indices`);
    mask.forEach((feature, position) => {
      if (feature < 0 || feature >= inputDim) {
        throw new RangeError(`${where}: masks[${row}][${position}] is ${feature}, expected a feature index in [0, ${inputDim})`);
      }
      if (position > 0 && feature <= mask[position - 1]) {
        throw new RangeError(`${where}: masks[${row}][${position}] is ${feature} after ${mask[position - 1]}, expected strictly increasing indices`);
      }
    });
  });
  if (typeof random?.nextGaussian !== 'function' || typeof random?.nextFloat !== 'function') {
    throw new TypeError(`${where}: random must have nextGaussian() and nextFloat() methods`);
  }
}
