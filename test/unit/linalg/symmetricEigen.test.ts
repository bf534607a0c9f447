import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigen } from '../../../src/core/linalg/symmetricEigen';
import { createTestRandom } from '../tensor/fixture';

function randomSymmetric(size: number, seed: number): Float64Array {
  const random = createTestRandom(seed);
  const matrix = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = row; column < size; column++) {
      const value = random.nextGaussian();
      matrix[row * size + column] = value;
      matrix[column * size + row] = value;
    }
  }
  return matrix;
}

test('A v = λ v for every pair, vectors orthonormal, values sorted largest first', () => {
  for (const size of [1, 2, 7, 30]) {
    const matrix = randomSymmetric(size, 30 + size);
    const { values, vectors } = symmetricEigen(matrix, size);
    for (let index = 1; index < size; index++) assert.ok(values[index - 1] >= values[index], `size ${size}: order at ${index}`);
    for (let pair = 0; pair < size; pair++) {
      const vector = vectors.subarray(pair * size, (pair + 1) * size);
      for (let row = 0; row < size; row++) {
        let image = 0;
        for (let column = 0; column < size; column++) image += matrix[row * size + column] * vector[column];
        assert.ok(Math.abs(image - values[pair] * vector[row]) < 1e-10, `size ${size}, pair ${pair}, row ${row}`);
      }
      for (let other = 0; other < size; other++) {
        let dot = 0;
        for (let index = 0; index < size; index++) dot += vector[index] * vectors[other * size + index];
        assert.ok(Math.abs(dot - (pair === other ? 1 : 0)) < 1e-10, `size ${size}: <v${pair}, v${other}> = ${dot}`);
      }
    }
  }
});

test('a known spectrum comes back exactly: Q diag(5, 2, −1, 0) Q^T', () => {
  // Q: a rotation by a known angle in the (0, 1) plane and another in the (2, 3) plane.
  const [c1, s1, c2, s2] = [Math.cos(0.4), Math.sin(0.4), Math.cos(1.1), Math.sin(1.1)];
  const columns = [
    [c1, s1, 0, 0],
    [-s1, c1, 0, 0],
    [0, 0, c2, s2],
    [0, 0, -s2, c2],
  ];
  const spectrum = [5, 2, -1, 0];
  const matrix = new Float64Array(16);
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 4; column++) {
      matrix[row * 4 + column] = spectrum.reduce((sum, value, k) => sum + value * columns[k][row] * columns[k][column], 0);
    }
  }
  const { values, vectors } = symmetricEigen(matrix, 4);
  assert.deepEqual(Array.from(values, (value) => Math.round(value * 1e12) / 1e12), [5, 2, 0, -1]);
  const expectedColumn = [0, 1, 3, 2];
  expectedColumn.forEach((k, rank) => {
    const dot = columns[k].reduce((sum, value, index) => sum + value * vectors[rank * 4 + index], 0);
    assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-12, `eigenvector ${rank}`);
  });
});

test('rejects non-symmetric, non-finite and mis-sized matrices with the place and what was expected', () => {
  assert.throws(() => symmetricEigen(Float64Array.from([1, 2, 3, 4]), 2), /entries \(0, 1\) and \(1, 0\) differ/);
  assert.throws(() => symmetricEigen(Float64Array.from([1, NaN, NaN, 4]), 2), /matrix\[1\] is NaN/);
  assert.throws(() => symmetricEigen(new Float64Array(5), 2), /expected 2×2/);
  assert.throws(() => symmetricEigen(new Float64Array(0), 0), /expected a positive integer/);
});
