import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchOrder } from '../../../../../src/core/families/lottery-ticket/training/batchOrder';
import { packMasks, unpackMasks } from '../../../../../src/core/families/lottery-ticket/training/maskBits';
import { CURVE_POINTS, thinCurve } from '../../../../../src/core/families/lottery-ticket/training/trainNetwork';
import { chainParts } from '../../../../../src/core/families/lottery-ticket/types';

test('masks pack into bits and back; a mask of another network is refused', () => {
  const sizes = [5, 3, 2];
  const masks = [Uint8Array.from({ length: 15 }, (_, index) => (index * 7) % 3 === 0 ? 1 : 0), Uint8Array.from([1, 0, 1, 1, 0, 1])];
  const bits = packMasks(masks);
  assert.equal(bits.length, Math.ceil(21 / 8));
  assert.deepEqual(unpackMasks(bits, sizes), masks);
  assert.throws(() => unpackMasks(bits, [5, 4, 2]), /does not fit a network of 28 weights/);
});

test('the batch order goes through each epoch as a permutation, is seeded, and skip(k) continues where k batches end', () => {
  const train = Uint32Array.from({ length: 10 }, (_, index) => 100 + index);
  const order = new BatchOrder(train, 4, 7);
  const batches = Array.from({ length: 5 }, () => {
    const batch = new Uint32Array(4);
    order.next(batch);
    return [...batch];
  });
  const flat = batches.flat();
  assert.deepEqual([...flat.slice(0, 10)].sort(), [...train], 'the first epoch is a permutation of the training images');
  assert.deepEqual([...flat.slice(10, 20)].sort(), [...train], 'so is the second');
  assert.notDeepEqual(flat.slice(0, 10), flat.slice(10, 20), 'each epoch is shuffled anew');
  const skipped = new BatchOrder(train, 4, 7);
  const scratch = new Uint32Array(4);
  skipped.skip(3, scratch);
  skipped.next(scratch);
  assert.deepEqual([...scratch], batches[3]);
  const other = new BatchOrder(train, 4, 8);
  other.next(scratch);
  assert.notDeepEqual([...scratch], batches[0], 'another seed, another order');
});

test('a chain is round 0, then per round the ticket and its controls', () => {
  assert.deepEqual(chainParts(2, ['random-reinit']), [
    { round: 0, variant: 'ticket' },
    { round: 1, variant: 'ticket' },
    { round: 1, variant: 'random-reinit' },
    { round: 2, variant: 'ticket' },
    { round: 2, variant: 'random-reinit' },
  ]);
  assert.equal(chainParts(0, ['random-prune']).length, 1);
});

test('a long learning curve is thinned evenly to at most CURVE_POINTS evaluations, the first and last kept', () => {
  const count = 501;
  const curve = { iterations: Array.from({ length: count }, (_, index) => index * 100), validationLoss: Array.from({ length: count }, (_, index) => 1 / (index + 1)), validationError: Array.from({ length: count }, (_, index) => index) };
  const thin = thinCurve(curve, CURVE_POINTS);
  assert.equal(thin.iterations.length, CURVE_POINTS);
  assert.deepEqual([thin.iterations[0], thin.iterations[CURVE_POINTS - 1]], [0, 50000]);
  assert.deepEqual(thin.validationError.slice(0, 3), [0, 5, 10]);
  assert.equal(thinCurve({ iterations: [0, 1], validationLoss: [1, 0.5], validationError: [0.9, 0.1] }, CURVE_POINTS).iterations.length, 2, 'a short curve stays whole');
});
