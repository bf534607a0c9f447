// Eigen-decomposition of a small dense symmetric matrix (the tensor initialization's second
// moment, at most |mask union| × |mask union|). ml-matrix's Householder tridiagonalization +
// implicit QL is O(n^3) with a small constant, so even n = 1000 stays near a second, where a
// hand-written cyclic Jacobi would need ten times as long.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface SymmetricEigenDecomposition {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Unit eigenvectors, one per eigenvalue and in the same order: vector k at [k*size, (k+1)*size). */
  vectors: Float64Array;
}

/** @param matrix size×size, row-major, symmetric (checked to a relative 1e-10). */
export function symmetricEigen(matrix: Float64Array, size: number): SymmetricEigenDecomposition {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`symmetricEigen: size is ${size}, expected a positive integer`);
  }
  if (matrix.length !== size * size) {
    throw new RangeError(`symmetricEigen: matrix has ${matrix.length} entries, expected ${size}×${size}`);
  }
  let largest = 0;
  for (let index = 0; index < matrix.length; index++) {
    if (!Number.isFinite(matrix[index])) {
      throw new RangeError(`symmetricEigen: matrix[${index}] is ${matrix[index]}, expected a finite number`);
    }
    largest = Math.max(largest, Math.abs(matrix[index]));
  }
  for (let row = 0; row < size; row++) {
    for (let column = row + 1; column < size; column++) {
      if (Math.abs(matrix[row * size + column] - matrix[column * size + row]) > 1e-10 * largest) {
        throw new RangeError(`symmetricEigen: entries (${row}, ${column}) and (${column}, ${row}) differ, expected a symmetric matrix`);
      }
    }
  }

  const decomposition = new EigenvalueDecomposition(Matrix.from1DArray(size, size, Array.from(matrix)), {
    assumeSymmetric: true,
  });
  const unsortedValues = decomposition.realEigenvalues;
  const eigenvectorColumns = decomposition.eigenvectorMatrix;
  const order = Array.from({ length: size }, (_, index) => index).sort(
    (first, second) => unsortedValues[second] - unsortedValues[first],
  );
  const values = new Float64Array(size);
  const vectors = new Float64Array(size * size);
  order.forEach((column, rank) => {
    values[rank] = unsortedValues[column];
    for (let row = 0; row < size; row++) vectors[rank * size + row] = eigenvectorColumns.get(row, column);
  });
  return { values, vectors };
}
