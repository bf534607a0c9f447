import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveLinearSystem } from '../../../src/core/linalg/solveLinearSystem';
import { createTestRandom } from '../tensor/fixture';

test('solves random systems: the residual A x − b vanishes', () => {
  const random = createTestRandom(40);
  for (const size of [1, 3, 8]) {
    const matrix = Float64Array.from({ length: size * size }, () => random.nextGaussian());
    const rhs = Float64Array.from({ length: size }, () => random.nextGaussian());
    const solution = solveLinearSystem(matrix, rhs, size);
    assert.ok(solution, `size ${size}: solved`);
    for (let row = 0; row < size; row++) {
      let image = 0;
      for (let column = 0; column < size; column++) image += matrix[row * size + column] * solution[column];
      assert.ok(Math.abs(image - rhs[row]) < 1e-10, `size ${size}, row ${row}`);
    }
  }
});

test('a zero leading entry needs the row swap (partial pivoting), and inputs are left alone', () => {
  const matrix = Float64Array.from([0, 2, 3, 1]);
  const rhs = Float64Array.from([4, 5]);
  const solution = solveLinearSystem(matrix, rhs, 2);
  // 2y = 4, 3x + y = 5  →  y = 2, x = 1
  assert.deepEqual(Array.from(solution ?? []), [1, 2]);
  assert.deepEqual(Array.from(matrix), [0, 2, 3, 1]);
  assert.deepEqual(Array.from(rhs), [4, 5]);
});

test('singular and zero systems give undefined (the caller picks a fallback); bad sizes throw', () => {
  assert.equal(solveLinearSystem(Float64Array.from([1, 2, 2, 4]), Float64Array.from([1, 1]), 2), undefined);
  assert.equal(solveLinearSystem(new Float64Array(4), Float64Array.from([1, 1]), 2), undefined);
  assert.throws(() => solveLinearSystem(new Float64Array(3), new Float64Array(2), 2), /expected 2×2 and 2/);
});
