// Minimum-cost perfect matching of a square cost matrix (the Hungarian method, in the
// O(n^3) shortest-augmenting-path form with row/column potentials). Used to match student
// neurons to teacher neurons (relative error up to permutation) and recovered tensor
// components to mask rows. n is the number of hidden units: small, but n! grows too fast
// for brute force beyond ~8.

/**
 * @param cost  size×size, row-major: cost[row * size + column]
 * @returns     for each row, the column assigned to it
 */
export function minimumCostAssignment(cost: Float64Array, size: number): Int32Array {
  if (cost.length !== size * size) {
    throw new RangeError(`minimumCostAssignment: cost has ${cost.length} entries, expected ${size}×${size}`);
  }
  for (let index = 0; index < cost.length; index++) {
    if (!Number.isFinite(cost[index])) {
      throw new RangeError(`minimumCostAssignment: cost[${index}] is ${cost[index]}, expected a finite number`);
    }
  }
  // 1-based arrays with a virtual column 0, as in the classical formulation.
  const rowPotential = new Float64Array(size + 1);
  const columnPotential = new Float64Array(size + 1);
  const rowOfColumn = new Int32Array(size + 1); // 0 = column free
  const previousColumn = new Int32Array(size + 1);
  const minimumSlack = new Float64Array(size + 1);
  const visited = new Uint8Array(size + 1);

  for (let row = 1; row <= size; row++) {
    rowOfColumn[0] = row;
    let currentColumn = 0;
    minimumSlack.fill(Infinity);
    visited.fill(0);
    // Grow an alternating tree from `row` until it reaches a free column.
    do {
      visited[currentColumn] = 1;
      const currentRow = rowOfColumn[currentColumn];
      let delta = Infinity;
      let nextColumn = 0;
      for (let column = 1; column <= size; column++) {
        if (visited[column]) continue;
        const slack = cost[(currentRow - 1) * size + (column - 1)] - rowPotential[currentRow] - columnPotential[column];
        if (slack < minimumSlack[column]) {
          minimumSlack[column] = slack;
          previousColumn[column] = currentColumn;
        }
        if (minimumSlack[column] < delta) {
          delta = minimumSlack[column];
          nextColumn = column;
        }
      }
      for (let column = 0; column <= size; column++) {
        if (visited[column]) {
          rowPotential[rowOfColumn[column]] += delta;
          columnPotential[column] -= delta;
        } else {
          minimumSlack[column] -= delta;
        }
      }
      currentColumn = nextColumn;
    } while (rowOfColumn[currentColumn] !== 0);
    // Flip the augmenting path.
    do {
      const column = previousColumn[currentColumn];
      rowOfColumn[currentColumn] = rowOfColumn[column];
      currentColumn = column;
    } while (currentColumn !== 0);
  }

  const columnOfRow = new Int32Array(size);
  for (let column = 1; column <= size; column++) columnOfRow[rowOfColumn[column] - 1] = column - 1;
  return columnOfRow;
}
