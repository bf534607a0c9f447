// Solves a small dense square system by Gaussian elimination with partial pivoting: the K×K
// normal equations of the tensor initialization's least-squares steps.

/**
 * @param matrix  size×size, row-major (not modified)
 * @param rhs     length size (not modified)
 * @returns       x with matrix·x = rhs, or undefined when the matrix is singular to working
 *                precision (a pivot below 1e-13 times the largest entry), so callers choose their fallback
 */
export function solveLinearSystem(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array | undefined {
  if (matrix.length !== size * size || rhs.length !== size) {
    throw new RangeError(
      `solveLinearSystem: got a matrix of ${matrix.length} entries and a right-hand side of ${rhs.length}, expected ${size}×${size} and ${size}`,
    );
  }
  const work = Float64Array.from(matrix);
  const solution = Float64Array.from(rhs);
  let largest = 0;
  for (let index = 0; index < work.length; index++) largest = Math.max(largest, Math.abs(work[index]));
  if (!(largest > 0) || !Number.isFinite(largest)) return undefined;

  for (let pivotColumn = 0; pivotColumn < size; pivotColumn++) {
    let pivotRow = pivotColumn;
    for (let row = pivotColumn + 1; row < size; row++) {
      if (Math.abs(work[row * size + pivotColumn]) > Math.abs(work[pivotRow * size + pivotColumn])) pivotRow = row;
    }
    const pivot = work[pivotRow * size + pivotColumn];
    if (Math.abs(pivot) <= 1e-13 * largest) return undefined;
    if (pivotRow !== pivotColumn) {
      for (let column = 0; column < size; column++) {
        const swapped = work[pivotRow * size + column];
        work[pivotRow * size + column] = work[pivotColumn * size + column];
        work[pivotColumn * size + column] = swapped;
      }
      const swapped = solution[pivotRow];
      solution[pivotRow] = solution[pivotColumn];
      solution[pivotColumn] = swapped;
    }
    for (let row = pivotColumn + 1; row < size; row++) {
      const factor = work[row * size + pivotColumn] / pivot;
      if (factor === 0) continue;
      for (let column = pivotColumn; column < size; column++) work[row * size + column] -= factor * work[pivotColumn * size + column];
      solution[row] -= factor * solution[pivotColumn];
    }
  }
  for (let row = size - 1; row >= 0; row--) {
    let sum = solution[row];
    for (let column = row + 1; column < size; column++) sum -= work[row * size + column] * solution[column];
    solution[row] = sum / work[row * size + row];
  }
  for (let index = 0; index < size; index++) if (!Number.isFinite(solution[index])) return undefined;
  return solution;
}
