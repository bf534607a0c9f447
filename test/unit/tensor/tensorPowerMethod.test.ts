import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decomposeSymmetricTensor } from '../../../src/core/families/teacher-student/training/initialization/tensorPowerMethod';
import { createTestRandom } from './fixture';

/** Orthonormal rows by Gram–Schmidt on Gaussian vectors. */
function randomOrthonormalRows(count: number, size: number, seed: number): Float64Array {
  const random = createTestRandom(seed);
  const rows = new Float64Array(count * size);
  for (let row = 0; row < count; row++) {
    const vector = rows.subarray(row * size, (row + 1) * size);
    for (let index = 0; index < size; index++) vector[index] = random.nextGaussian();
    for (let previous = 0; previous < row; previous++) {
      const other = rows.subarray(previous * size, (previous + 1) * size);
      const dot = vector.reduce((sum, value, index) => sum + value * other[index], 0);
      for (let index = 0; index < size; index++) vector[index] -= dot * other[index];
    }
    const length = Math.hypot(...vector);
    for (let index = 0; index < size; index++) vector[index] /= length;
  }
  return rows;
}

/** Σ_j weight_j v_j^⊗3. */
function composeTensor(vectors: Float64Array, weights: ArrayLike<number>, size: number): Float64Array {
  const tensor = new Float64Array(size ** 3);
  for (let component = 0; component < weights.length; component++) {
    const vector = vectors.subarray(component * size, (component + 1) * size);
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        for (let c = 0; c < size; c++) tensor[(a * size + b) * size + c] += weights[component] * vector[a] * vector[b] * vector[c];
      }
    }
  }
  return tensor;
}

test('recovers every component of an exactly orthogonally decomposable tensor with weights of both signs', () => {
  const size = 6;
  const weights = [2.5, -1.8, 1.2, -0.9, 0.6, 0.35];
  const vectors = randomOrthonormalRows(size, size, 21);
  const tensor = composeTensor(vectors, weights, size);
  const original = Float64Array.from(tensor);
  const found = decomposeSymmetricTensor(tensor, size, size, createTestRandom(22));

  assert.deepEqual(tensor, original, 'the input tensor is not modified');
  for (let component = 0; component < size; component++) {
    const vector = found.vectors.subarray(component * size, (component + 1) * size);
    // Largest |weight| first; sign convention: the weight is non-negative, the vector carries the sign.
    const truth = vectors.subarray(component * size, (component + 1) * size);
    const sign = Math.sign(weights[component]);
    for (let index = 0; index < size; index++) assert.ok(Math.abs(vector[index] - sign * truth[index]) < 1e-8, `component ${component}[${index}]`);
    assert.ok(Math.abs(found.weights[component] - Math.abs(weights[component])) < 1e-8, `weight ${component}`);
  }
  const rebuilt = composeTensor(found.vectors, found.weights, size);
  rebuilt.forEach((value, index) => assert.ok(Math.abs(value - original[index]) < 1e-9));
});

test('a tensor with a few components in a larger space: the found ones match, the rest are orthogonal unit vectors', () => {
  const size = 5;
  const weights = [1.5, -1.0];
  const vectors = randomOrthonormalRows(2, size, 23);
  const found = decomposeSymmetricTensor(composeTensor(vectors, weights, size), size, 4, createTestRandom(24));
  for (let component = 0; component < 2; component++) {
    const dot = vectors
      .subarray(component * size, (component + 1) * size)
      .reduce((sum, value, index) => sum + value * found.vectors[component * size + index], 0);
    assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-8, `component ${component}: |cos| = ${Math.abs(dot)}`);
  }
  for (let first = 0; first < 4; first++) {
    for (let second = first; second < 4; second++) {
      let dot = 0;
      for (let index = 0; index < size; index++) dot += found.vectors[first * size + index] * found.vectors[second * size + index];
      assert.ok(Math.abs(dot - (first === second ? 1 : 0)) < 1e-6, `rows ${first}, ${second}: ${dot}`);
    }
  }
  for (const weight of found.weights.subarray(2)) assert.ok(Math.abs(weight) < 1e-8);
});

test('a zero tensor and a generator stuck at zero still give finite orthonormal vectors', () => {
  const stuck = { nextGaussian: () => 0 };
  const found = decomposeSymmetricTensor(new Float64Array(27), 3, 3, stuck);
  assert.ok(found.vectors.every(Number.isFinite) && found.weights.every((weight) => weight === 0));
  for (let component = 0; component < 3; component++) {
    assert.ok(Math.abs(Math.hypot(...found.vectors.subarray(component * 3, component * 3 + 3)) - 1) < 1e-12);
  }
});

test('rejects a tensor of the wrong size, non-finite entries and too many components', () => {
  const random = createTestRandom(25);
  assert.throws(() => decomposeSymmetricTensor(new Float64Array(8), 3, 1, random), /expected 3³/);
  assert.throws(() => decomposeSymmetricTensor(new Float64Array(8).fill(NaN), 2, 1, random), /tensor\[0\] is NaN/);
  assert.throws(() => decomposeSymmetricTensor(new Float64Array(8), 2, 3, random), /expected an integer in \[0, 2\]/);
});
