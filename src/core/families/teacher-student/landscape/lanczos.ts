// Extreme eigenvalues of a symmetric operator known only through products H v (the masked
// Hessian: never formed). Lanczos builds an orthonormal Krylov basis Q and the tridiagonal
// T = Q^T H Q; T's eigenvalues (Ritz values) approach H's extreme ones first. In floating point
// the basis loses orthogonality as Ritz values converge (ghost copies appear), so every new
// vector is re-orthogonalized against the whole basis (twice, "twice is enough"): O(m^2 n) extra,
// small beside m products at this size. Lanczos sees each distinct eigenvalue once: a null
// space of any dimension (N < K·r) shows as one Ritz value near 0.
import type { RandomStream } from '../../../random/randomStream';
import { symmetricEigen } from '../../../linalg/symmetricEigen';

export interface LanczosResult {
  /** Ritz values, largest first. */
  values: Float64Array;
  /** Ritz vectors (unit, in the operator's space), one per value in the same order: vector k at [k*size, (k+1)*size). */
  vectors: Float64Array;
  /** Krylov steps taken (fewer than asked when the space is exhausted). */
  steps: number;
}

/** Below this relative size a new Lanczos vector means the Krylov space is invariant: stop. */
const BREAKDOWN = 1e-10;

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index] * right[index];
  return sum;
}

/** `steps` Lanczos steps on `apply` (size × size, symmetric) from a seeded random start. */
export function lanczos(apply: (vector: Float64Array) => Float64Array, size: number, steps: number, random: RandomStream): LanczosResult {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`lanczos: steps is ${steps}, expected a positive integer`);
  const limit = Math.min(steps, size);
  const basis: Float64Array[] = [];
  const diagonal: number[] = [];
  const offDiagonal: number[] = [];
  let current: Float64Array = new Float64Array(size);
  random.fillGaussian(current, 0, size);
  const startNorm = Math.sqrt(dot(current, current));
  for (let index = 0; index < size; index++) current[index] /= startNorm;
  let scale = 0;

  for (let step = 0; step < limit; step++) {
    basis.push(current);
    const next = apply(current);
    const alpha = dot(current, next);
    diagonal.push(alpha);
    scale = Math.max(scale, Math.abs(alpha));
    for (let pass = 0; pass < 2; pass++) {
      for (const vector of basis) {
        const projection = dot(vector, next);
        for (let index = 0; index < size; index++) next[index] -= projection * vector[index];
      }
    }
    const beta = Math.sqrt(dot(next, next));
    if (step === limit - 1 || beta <= BREAKDOWN * Math.max(scale, beta)) break;
    offDiagonal.push(beta);
    scale = Math.max(scale, beta);
    for (let index = 0; index < size; index++) next[index] /= beta;
    current = next;
  }

  const count = basis.length;
  const tridiagonal = new Float64Array(count * count);
  for (let index = 0; index < count; index++) {
    tridiagonal[index * count + index] = diagonal[index];
    if (index + 1 < count) {
      tridiagonal[index * count + index + 1] = offDiagonal[index];
      tridiagonal[(index + 1) * count + index] = offDiagonal[index];
    }
  }
  const ritz = symmetricEigen(tridiagonal, count);
  // Ritz vector k = Q y_k.
  const vectors = new Float64Array(count * size);
  for (let rank = 0; rank < count; rank++) {
    for (let step = 0; step < count; step++) {
      const weight = ritz.vectors[rank * count + step];
      const vector = basis[step];
      for (let index = 0; index < size; index++) vectors[rank * size + index] += weight * vector[index];
    }
  }
  return { values: ritz.values, vectors, steps: count };
}
