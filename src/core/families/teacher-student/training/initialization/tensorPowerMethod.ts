// Robust tensor power method with deflation (Anandkumar, Ge, Hsu, Kakade, Telgarsky 2014) for a
// symmetric order-3 tensor that is close to orthogonally decomposable: T ≈ Σ_j λ_j θ_j^⊗3.
// Signs: the iteration θ ← T(I, θ, θ) is blind to the sign of θ, and λ θ^⊗3 = (−λ)(−θ)^⊗3, so
// each component is returned with the sign that makes its weight T(θ, θ, θ) non-negative.
// Each component is searched in the orthogonal complement of those already found: the components of
// an orthogonally decomposable tensor are orthogonal, and without the constraint the rounding left
// by deflation (or noise) pulls a weak component back onto a strong one.

export interface TensorComponents {
  /** Unit vectors, component j at [j*size, (j+1)*size). */
  vectors: Float64Array;
  /** Weights λ_j = T(θ_j, θ_j, θ_j) of the tensor still left when θ_j was found, in order found. */
  weights: Float64Array;
}

export interface PowerMethodOptions {
  /** Random starting points per component; the one with the largest T(θ, θ, θ) wins. */
  restarts: number;
  /** Power iterations from each start, and again to refine the winner. */
  iterations: number;
}

const DEFAULT_OPTIONS: PowerMethodOptions = { restarts: 10, iterations: 30 };

/**
 * Finds `components` terms of `tensor` (size×size×size, entry (a,b,c) at (a*size+b)*size+c; not
 * modified), largest first, removing each found term before looking for the next.
 */
export function decomposeSymmetricTensor(
  tensor: Float64Array,
  size: number,
  components: number,
  random: { nextGaussian(): number },
  options: PowerMethodOptions = DEFAULT_OPTIONS,
): TensorComponents {
  if (tensor.length !== size * size * size) {
    throw new RangeError(`decomposeSymmetricTensor: tensor has ${tensor.length} entries, expected ${size}³`);
  }
  if (!Number.isInteger(components) || components < 0 || components > size) {
    throw new RangeError(`decomposeSymmetricTensor: components is ${components}, expected an integer in [0, ${size}]`);
  }
  for (let index = 0; index < tensor.length; index++) {
    if (!Number.isFinite(tensor[index])) {
      throw new RangeError(`decomposeSymmetricTensor: tensor[${index}] is ${tensor[index]}, expected a finite number`);
    }
  }
  const residual = Float64Array.from(tensor);
  const vectors = new Float64Array(components * size);
  const weights = new Float64Array(components);
  const candidate = new Float64Array(size);
  const best = new Float64Array(size);
  const image = new Float64Array(size);

  for (let component = 0; component < components; component++) {
    let bestValue = -Infinity;
    for (let restart = 0; restart < options.restarts; restart++) {
      // Start orthogonal to the components already found: the deflated tensor keeps the others there.
      randomUnitVectorOrthogonalTo(candidate, vectors, component, size, random);
      powerIterate(residual, size, candidate, image, options.iterations, vectors, component);
      const value = cubicForm(residual, size, candidate, image);
      if (value > bestValue) {
        bestValue = value;
        best.set(candidate);
      }
    }
    powerIterate(residual, size, best, image, options.iterations, vectors, component);
    const weight = cubicForm(residual, size, best, image);
    vectors.set(best, component * size);
    weights[component] = weight;
    deflate(residual, size, best, weight);
  }
  return { vectors, weights };
}

/**
 * θ ← P T(I, θ, θ) / |P T(I, θ, θ)|, P the projection off the first `found` rows of `basis`; stops
 * early (keeping θ) if the image vanishes.
 */
function powerIterate(
  tensor: Float64Array,
  size: number,
  vector: Float64Array,
  image: Float64Array,
  iterations: number,
  basis: Float64Array,
  found: number,
): void {
  for (let iteration = 0; iteration < iterations; iteration++) {
    contractTwice(tensor, size, vector, image);
    projectOut(image, basis, found, size);
    let norm = 0;
    for (let index = 0; index < size; index++) norm += image[index] * image[index];
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Number.isFinite(norm)) return;
    for (let index = 0; index < size; index++) vector[index] = image[index] / norm;
  }
}

/** Removes from `target` its components along the first `count` rows of `basis` (Gram–Schmidt, twice for accuracy). */
function projectOut(target: Float64Array, basis: Float64Array, count: number, size: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let row = 0; row < count; row++) {
      let dot = 0;
      for (let index = 0; index < size; index++) dot += basis[row * size + index] * target[index];
      for (let index = 0; index < size; index++) target[index] -= dot * basis[row * size + index];
    }
  }
}

/** image = T(I, θ, θ). */
function contractTwice(tensor: Float64Array, size: number, vector: Float64Array, image: Float64Array): void {
  for (let a = 0; a < size; a++) {
    let sum = 0;
    for (let b = 0; b < size; b++) {
      const offset = (a * size + b) * size;
      let inner = 0;
      for (let c = 0; c < size; c++) inner += tensor[offset + c] * vector[c];
      sum += inner * vector[b];
    }
    image[a] = sum;
  }
}

/** T(θ, θ, θ), using `image` as scratch. */
function cubicForm(tensor: Float64Array, size: number, vector: Float64Array, image: Float64Array): number {
  contractTwice(tensor, size, vector, image);
  let value = 0;
  for (let index = 0; index < size; index++) value += image[index] * vector[index];
  return value;
}

function deflate(tensor: Float64Array, size: number, vector: Float64Array, weight: number): void {
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const scale = weight * vector[a] * vector[b];
      const offset = (a * size + b) * size;
      for (let c = 0; c < size; c++) tensor[offset + c] -= scale * vector[c];
    }
  }
}

/**
 * A Gaussian direction with the first `count` rows of `basis` projected out. count < size, so a draw has an orthogonal part with probability one; should the
 * generator keep failing, the coordinate axes are tried in turn, one of which must succeed.
 */
function randomUnitVectorOrthogonalTo(
  target: Float64Array,
  basis: Float64Array,
  count: number,
  size: number,
  random: { nextGaussian(): number },
): void {
  const randomAttempts = 20;
  for (let attempt = 0; attempt < randomAttempts + size; attempt++) {
    for (let index = 0; index < size; index++) {
      target[index] = attempt < randomAttempts ? random.nextGaussian() : index === attempt - randomAttempts ? 1 : 0;
    }
    projectOut(target, basis, count, size);
    let norm = 0;
    for (let index = 0; index < size; index++) norm += target[index] * target[index];
    norm = Math.sqrt(norm);
    if (norm > 1e-6) {
      for (let index = 0; index < size; index++) target[index] /= norm;
      return;
    }
  }
  throw new Error('randomUnitVectorOrthogonalTo: the basis spans the whole space, expected fewer rows than dimensions');
}
