import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatherBatch, gatherRange } from '../../../../../src/core/families/lottery-ticket/data/gatherBatch';
import type { ImageSet } from '../../../../../src/core/families/lottery-ticket/data/imageDataset';

// Three 2-pixel images.
const SET: ImageSet = { images: new Uint8Array([0, 255, 51, 102, 204, 153]), labels: new Uint8Array([4, 7, 1]), count: 3 };

function assertClose(actual: Float32Array, expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, index) => assert.ok(Math.abs(value - expected[index]) < 1e-6, `value ${index}: ${value}, expected ${expected[index]}`));
}

test('gatherBatch writes pixel/255 rows in index order, and their labels', () => {
  const images = new Float32Array(4);
  const labels = new Uint8Array(2);
  gatherBatch(SET, [0, 2, 1], 1, 2, null, images, labels);
  assertClose(images, [204 / 255, 153 / 255, 51 / 255, 102 / 255]);
  assert.deepEqual([...labels], [1, 7]);
});

test('with a normalization, values are (pixel/255 - mean) / std', () => {
  const normalize = { mean: 0.1307, std: 0.3081 };
  const images = new Float32Array(6);
  const labels = new Uint8Array(3);
  gatherBatch(SET, new Uint32Array([1, 0, 2]), 0, 3, normalize, images, labels);
  const expected = [51, 102, 0, 255, 204, 153].map((pixel) => (pixel / 255 - normalize.mean) / normalize.std);
  assertClose(images, expected);
  assert.deepEqual([...labels], [7, 4, 1]);
});

test('gatherRange gathers consecutive images, as gatherBatch does for indices first, first+1, ...', () => {
  const normalize = { mean: 0.5, std: 0.25 };
  const fromRange = new Float32Array(4);
  const fromBatch = new Float32Array(4);
  const rangeLabels = new Uint8Array(2);
  const batchLabels = new Uint8Array(2);
  gatherRange(SET, 1, 2, normalize, fromRange, rangeLabels);
  gatherBatch(SET, [1, 2], 0, 2, normalize, fromBatch, batchLabels);
  assert.deepEqual(fromRange, fromBatch);
  assert.deepEqual(rangeLabels, batchLabels);
  assertClose(fromRange, [51, 102, 204, 153].map((pixel) => (pixel / 255 - 0.5) / 0.25));
});

test('out-of-range requests and short buffers are errors, not NaN rows', () => {
  const images = new Float32Array(4);
  const labels = new Uint8Array(2);
  assert.throws(() => gatherBatch(SET, [0, 3], 0, 2, null, images, labels), { message: 'gatherBatch: index 3 at position 1, expected an image in 0..2' });
  assert.throws(() => gatherBatch(SET, [0, 1], 1, 2, null, images, labels), { message: 'gatherBatch: rows 1..3 of 2 indices' });
  assert.throws(() => gatherBatch(SET, [0, 1, 2], 0, 3, null, images, labels), { message: 'gather: 3 images need 6 floats and 3 labels, got 4 and 2' });
  assert.throws(() => gatherRange(SET, 2, 2, null, images, labels), { message: 'gatherRange: images 2..4 of 3' });
});
