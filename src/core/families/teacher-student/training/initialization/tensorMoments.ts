// Empirical Hermite moments of the labels, y·He_k(x), for the tensor initialization, computed on a
// range of samples and only on the coordinates of the mask union U (the pruned weights can carry
// no signal, and leaving them out is what lets pruning lower the sample need).
//
// For x ~ N(0, I) and y = (1/K) Σ_j relu(<w_j, x>), Stein's lemma gives
//   E[y x]                 = Σ_j (1/(2K)) w_j
//   E[y (x x^T − I)]       = Σ_j (1/K) (|w_j|/√(2π)) w̄_j w̄_j^T
//   E[y He4(x)]            = Σ_j (1/K) (−|w_j|/√(2π)) w̄_j^⊗4
// where He4(x)_abcd = x_a x_b x_c x_d − (δ_ab x_c x_d + 5 other pairings) + (δ_ab δ_cd + 2 others).
// The third moment vanishes for ReLU, hence the fourth.

/** A contiguous range of samples, read through the coordinates of the mask union. */
export interface SampleWindow {
  /** Features-major d×N: feature f of sample n at f*samples+n. */
  inputs: Float64Array;
  labels: Float64Array;
  /** N, the stride of a feature row. */
  samples: number;
  /** The union U of the mask supports: sorted feature indices. */
  coordinates: Int32Array;
  /** Samples [start, end) are used. */
  start: number;
  end: number;
}

/**
 * The Hermite expansion of the labels up to degree 2, as far as it is known:
 *   q(x) = mean + linear·x + ½ Σ_a quadraticValues_a ((v_a·x)² − 1).
 * E[q(x) He_k(x)] = 0 for every k above q's degree (Hermite polynomials are orthogonal under the
 * Gaussian), so the moments of y − q estimate the same E[y He_k(x)] as those of y, while for ReLU
 * neurons degrees 0–2 carry ~98% of E[y²]: a control variate that cuts the fourth moment's
 * noise several-fold. q must come from samples other than the ones it is subtracted from, or the
 * estimates pick up a bias.
 */
export interface LowDegreeFit {
  mean: number;
  /** Length |U|; omit for no degree-1 term. */
  linear?: Float64Array;
  /** Unit vectors v_a on U, vector a at [a*|U|, (a+1)*|U|); omit for no degree-2 term. */
  quadraticVectors?: Float64Array;
  quadraticValues?: Float64Array;
}

/** Labels minus `fit` for the window's samples, at their own indices (entries outside the window are 0). */
export function lowDegreeResiduals(window: SampleWindow, fit: LowDegreeFit): Float64Array {
  const { inputs, labels, samples, coordinates, start, end } = window;
  const size = coordinates.length;
  const residuals = new Float64Array(labels.length);
  for (let sample = start; sample < end; sample++) residuals[sample] = labels[sample] - fit.mean;
  if (fit.linear) {
    for (let coordinate = 0; coordinate < size; coordinate++) {
      const weight = fit.linear[coordinate];
      const row = coordinates[coordinate] * samples;
      for (let sample = start; sample < end; sample++) residuals[sample] -= weight * inputs[row + sample];
    }
  }
  const { quadraticVectors, quadraticValues } = fit;
  if (quadraticVectors && quadraticValues) {
    const projection = new Float64Array(end - start);
    quadraticValues.forEach((value, component) => {
      projection.fill(0);
      for (let coordinate = 0; coordinate < size; coordinate++) {
        const weight = quadraticVectors[component * size + coordinate];
        const row = coordinates[coordinate] * samples + start;
        for (let offset = 0; offset < projection.length; offset++) projection[offset] += weight * inputs[row + offset];
      }
      for (let offset = 0; offset < projection.length; offset++) residuals[start + offset] -= 0.5 * value * (projection[offset] ** 2 - 1);
    });
  }
  return residuals;
}

/** Samples per block of the second-moment loop: |U| feature rows of a block stay in cache. */
const SECOND_MOMENT_BLOCK = 1024;

export function labelMean(window: SampleWindow): number {
  let sum = 0;
  for (let sample = window.start; sample < window.end; sample++) sum += window.labels[sample];
  return sum / (window.end - window.start);
}

/** E[y x] on U: length |U|. */
export function firstMoment(window: SampleWindow): Float64Array {
  const { inputs, labels, samples, coordinates, start, end } = window;
  const moment = new Float64Array(coordinates.length);
  for (let coordinate = 0; coordinate < coordinates.length; coordinate++) {
    const row = coordinates[coordinate] * samples;
    let sum = 0;
    for (let sample = start; sample < end; sample++) sum += labels[sample] * inputs[row + sample];
    moment[coordinate] = sum / (end - start);
  }
  return moment;
}

/** E[y (x x^T − I)] on U: |U|×|U|, row-major, exactly symmetric. */
export function secondMoment(window: SampleWindow): Float64Array {
  const { inputs, labels, samples, coordinates, start, end } = window;
  const size = coordinates.length;
  const moment = new Float64Array(size * size);
  const weightedRow = new Float64Array(SECOND_MOMENT_BLOCK);
  for (let blockStart = start; blockStart < end; blockStart += SECOND_MOMENT_BLOCK) {
    const blockEnd = Math.min(end, blockStart + SECOND_MOMENT_BLOCK);
    const blockLength = blockEnd - blockStart;
    for (let first = 0; first < size; first++) {
      const firstRow = coordinates[first] * samples + blockStart;
      for (let offset = 0; offset < blockLength; offset++) {
        weightedRow[offset] = labels[blockStart + offset] * inputs[firstRow + offset];
      }
      // Four columns per pass: each load of the weighted row feeds four independent sums.
      let second = first;
      for (; second + 3 < size; second += 4) {
        const row0 = coordinates[second] * samples + blockStart;
        const row1 = coordinates[second + 1] * samples + blockStart;
        const row2 = coordinates[second + 2] * samples + blockStart;
        const row3 = coordinates[second + 3] * samples + blockStart;
        let sum0 = 0;
        let sum1 = 0;
        let sum2 = 0;
        let sum3 = 0;
        for (let offset = 0; offset < blockLength; offset++) {
          const weighted = weightedRow[offset];
          sum0 += weighted * inputs[row0 + offset];
          sum1 += weighted * inputs[row1 + offset];
          sum2 += weighted * inputs[row2 + offset];
          sum3 += weighted * inputs[row3 + offset];
        }
        moment[first * size + second] += sum0;
        moment[first * size + second + 1] += sum1;
        moment[first * size + second + 2] += sum2;
        moment[first * size + second + 3] += sum3;
      }
      for (; second < size; second++) {
        const secondRow = coordinates[second] * samples + blockStart;
        let sum = 0;
        for (let offset = 0; offset < blockLength; offset++) sum += weightedRow[offset] * inputs[secondRow + offset];
        moment[first * size + second] += sum;
      }
    }
  }
  const count = end - start;
  const mean = labelMean(window);
  for (let first = 0; first < size; first++) {
    moment[first * size + first] = moment[first * size + first] / count - mean;
    for (let second = first + 1; second < size; second++) {
      const value = moment[first * size + second] / count;
      moment[first * size + second] = value;
      moment[second * size + first] = value;
    }
  }
  return moment;
}

/**
 * E[y He4(x)](V, V, V, α) on U, without forming the |U|^4 tensor: with p = V^T x, s = α·x,
 * G = V^T V and β = V^T α, the contraction of He4 is
 *   p_a p_b p_c s − (G_ab p_c + G_ac p_b + G_bc p_a) s − (β_a p_b p_c + β_b p_a p_c + β_c p_a p_b)
 *   + (G_ab β_c + G_ac β_b + G_bc β_a),
 * so it needs only the label-weighted means of s·p⊗p⊗p, s·p, p⊗p and 1.
 *
 * @param basis  `rank` vectors of length |U|, vector a at [a*|U|, (a+1)*|U|)
 * @param alpha  length |U|
 * @returns      rank×rank×rank, entry (a, b, c) at (a*rank + b)*rank + c, exactly symmetric
 */
export function fourthMomentContracted(
  window: SampleWindow,
  basis: Float64Array,
  rank: number,
  alpha: Float64Array,
): Float64Array {
  const { inputs, labels, samples, coordinates, start, end } = window;
  const size = coordinates.length;
  const count = end - start;

  // Projections p_a and s of every sample in the window, stored component-major so that the
  // accumulation below runs over contiguous arrays.
  const projections = new Float64Array(rank * count);
  const alphaProjection = new Float64Array(count);
  for (let coordinate = 0; coordinate < size; coordinate++) {
    const row = coordinates[coordinate] * samples + start;
    for (let component = 0; component < rank; component++) {
      const weight = basis[component * size + coordinate];
      if (weight === 0) continue;
      const offset = component * count;
      for (let sample = 0; sample < count; sample++) projections[offset + sample] += weight * inputs[row + sample];
    }
    const weight = alpha[coordinate];
    if (weight === 0) continue;
    for (let sample = 0; sample < count; sample++) alphaProjection[sample] += weight * inputs[row + sample];
  }

  const gram = new Float64Array(rank * rank);
  const basisAlpha = new Float64Array(rank);
  for (let first = 0; first < rank; first++) {
    for (let coordinate = 0; coordinate < size; coordinate++) basisAlpha[first] += basis[first * size + coordinate] * alpha[coordinate];
    for (let second = 0; second < rank; second++) {
      let dot = 0;
      for (let coordinate = 0; coordinate < size; coordinate++) dot += basis[first * size + coordinate] * basis[second * size + coordinate];
      gram[first * rank + second] = dot;
    }
  }

  // Label-weighted means: cubic[a,b,c] = E[y s p_a p_b p_c], quadratic[a,b] = E[y p_a p_b],
  // linear[a] = E[y s p_a], constant = E[y]; filled for a ≤ b ≤ c and mirrored below.
  const labelTimesAlpha = new Float64Array(count);
  for (let sample = 0; sample < count; sample++) labelTimesAlpha[sample] = labels[start + sample] * alphaProjection[sample];
  const cubic = new Float64Array(rank * rank * rank);
  const quadratic = new Float64Array(rank * rank);
  const linear = new Float64Array(rank);
  const pairProduct = new Float64Array(count);
  for (let first = 0; first < rank; first++) {
    const firstOffset = first * count;
    let linearSum = 0;
    for (let sample = 0; sample < count; sample++) linearSum += labelTimesAlpha[sample] * projections[firstOffset + sample];
    linear[first] = linearSum / count;
    for (let second = first; second < rank; second++) {
      const secondOffset = second * count;
      let quadraticSum = 0;
      for (let sample = 0; sample < count; sample++) {
        const product = projections[firstOffset + sample] * projections[secondOffset + sample];
        pairProduct[sample] = labelTimesAlpha[sample] * product;
        quadraticSum += labels[start + sample] * product;
      }
      quadratic[first * rank + second] = quadraticSum / count;
      for (let third = second; third < rank; third++) {
        const thirdOffset = third * count;
        let cubicSum = 0;
        for (let sample = 0; sample < count; sample++) cubicSum += pairProduct[sample] * projections[thirdOffset + sample];
        cubic[(first * rank + second) * rank + third] = cubicSum / count;
      }
    }
  }
  const constant = labelMean(window);

  const tensor = new Float64Array(rank * rank * rank);
  for (let a = 0; a < rank; a++) {
    for (let b = a; b < rank; b++) {
      for (let c = b; c < rank; c++) {
        const gab = gram[a * rank + b];
        const gac = gram[a * rank + c];
        const gbc = gram[b * rank + c];
        const value =
          cubic[(a * rank + b) * rank + c] -
          (gab * linear[c] + gac * linear[b] + gbc * linear[a]) -
          (basisAlpha[a] * quadratic[b * rank + c] + basisAlpha[b] * quadratic[a * rank + c] + basisAlpha[c] * quadratic[a * rank + b]) +
          constant * (gab * basisAlpha[c] + gac * basisAlpha[b] + gbc * basisAlpha[a]);
        // All six orderings of (a, b, c) hold the same value.
        tensor[(a * rank + b) * rank + c] = value;
        tensor[(a * rank + c) * rank + b] = value;
        tensor[(b * rank + a) * rank + c] = value;
        tensor[(b * rank + c) * rank + a] = value;
        tensor[(c * rank + a) * rank + b] = value;
        tensor[(c * rank + b) * rank + a] = value;
      }
    }
  }
  return tensor;
}
