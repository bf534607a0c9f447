import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GaussianInputSource } from '../../../src/core/model/gaussianInputs';
import { sharedTestInputs } from '../../../src/core/model/sharedTestSet';

/** Draws `testSamples` samples in chunks of `chunk` from a source into a features-major d × testSamples matrix. */
function drawAll(source: { drawNext(target: Float64Array, stride: number, count: number): void }, inputDim: number, testSamples: number, chunk: number): Float64Array {
  const all = new Float64Array(inputDim * testSamples);
  const buffer = new Float64Array(inputDim * chunk);
  for (let done = 0; done < testSamples; done += chunk) {
    const count = Math.min(chunk, testSamples - done);
    source.drawNext(buffer, chunk, count);
    for (let feature = 0; feature < inputDim; feature++) {
      all.set(buffer.subarray(feature * chunk, feature * chunk + count), feature * testSamples + done);
    }
  }
  return all;
}

test('the shared test set gives exactly the values a fresh GaussianInputSource draws, in any chunking', () => {
  const inputDim = 12;
  const testSamples = 1000;
  const features = Int32Array.of(1, 4, 5, 11);
  const fresh = drawAll(new GaussianInputSource(77, 'test-inputs', features), inputDim, testSamples, 256);
  assert.deepEqual(drawAll(sharedTestInputs(77, features, testSamples, inputDim), inputDim, testSamples, 300), fresh);
  // A second trial with other features reuses the cached rows of the shared ones and draws the rest.
  const otherFeatures = Int32Array.of(0, 4, 11);
  const freshOther = drawAll(new GaussianInputSource(77, 'test-inputs', otherFeatures), inputDim, testSamples, 1000);
  assert.deepEqual(drawAll(sharedTestInputs(77, otherFeatures, testSamples, inputDim), inputDim, testSamples, 128), freshOther);
});

test('another seed or test-set size is another test set', () => {
  const features = Int32Array.of(2);
  const first = drawAll(sharedTestInputs(5, features, 100, 4), 4, 100, 100);
  const otherSeed = drawAll(sharedTestInputs(6, features, 100, 4), 4, 100, 100);
  assert.notDeepEqual(otherSeed.subarray(200, 300), first.subarray(200, 300));
  const longer = drawAll(sharedTestInputs(5, features, 150, 4), 4, 150, 150);
  assert.deepEqual(longer.subarray(300, 400), first.subarray(200, 300), 'the first 100 samples of a longer set are the same samples');
});

test('asking past the end of the test set is an error, not a silent reuse', () => {
  const source = sharedTestInputs(9, Int32Array.of(0), 10, 2);
  const target = new Float64Array(2 * 10);
  source.drawNext(target, 10, 10);
  assert.throws(() => source.drawNext(target, 10, 1), /past the 10 test samples/);
});
