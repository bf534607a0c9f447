import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RandomStream } from '../../../../../src/core/random/randomStream';
import { densities, keptAfter, magnitudePrune, randomMasksLike } from '../../../../../src/core/families/lottery-ticket/training/pruning';

/** Layers [6 -> 5 -> 4 -> 3] with distinct random weights. */
function network(seed = 1) {
  const random = new RandomStream(seed);
  const sizes = [6, 5, 4, 3];
  const weights = sizes.slice(1).map((out, layer) => Float32Array.from({ length: out * sizes[layer] }, () => random.nextGaussian()));
  const masks = weights.map((layer) => new Uint8Array(layer.length).fill(1));
  return { weights, masks };
}

const count = (mask: Uint8Array) => mask.reduce((sum, bit) => sum + bit, 0);

test('keptAfter follows Frankle & Carbin: LeNet-300-100 keeps 51.3 / 21.1 / 3.6 % after 3 / 7 / 15 rounds', () => {
  const remaining = (rounds: number) => (keptAfter(235200, 0.2, rounds) + keptAfter(30000, 0.2, rounds) + keptAfter(1000, 0.1, rounds)) / 266200;
  assert.equal(Math.round(remaining(3) * 1000) / 10, 51.3);
  assert.equal(Math.round(remaining(7) * 1000) / 10, 21.1);
  assert.equal(Math.round(remaining(15) * 1000) / 10, 3.6);
  assert.equal(keptAfter(10, 0.5, 0), 10);
});

test('layerwise magnitude pruning removes round(fraction × remaining) of each hidden layer, the smallest ones, and the output layer at its own rate', () => {
  const { weights, masks } = network();
  const pruned = magnitudePrune(weights, masks, { scope: 'layerwise', fraction: 0.2, outputFraction: 0.5 });
  assert.deepEqual(pruned.map(count), [30 - 6, 20 - 4, 12 - 6]);
  for (const [layer, mask] of pruned.entries()) {
    const keptMagnitudes = [...weights[layer]].filter((_, index) => mask[index]).map(Math.abs);
    const prunedMagnitudes = [...weights[layer]].filter((_, index) => !mask[index]).map(Math.abs);
    assert.ok(Math.min(...keptMagnitudes) >= Math.max(...prunedMagnitudes), `layer ${layer} kept the largest weights`);
  }
  const again = magnitudePrune(weights, pruned, { scope: 'layerwise', fraction: 0.2, outputFraction: 0.5 });
  assert.deepEqual(again.map(count), [24 - 5, 16 - 3, 6 - 3], 'the next round prunes from what is left');
  for (const [layer, mask] of again.entries()) for (let index = 0; index < mask.length; index++) if (mask[index]) assert.equal(pruned[layer][index], 1, 'a pruned weight never comes back');
});

test('global pruning ranks the hidden layers together; one-shot k rounds reach the counts of k iterative rounds', () => {
  const { weights, masks } = network(2);
  weights[1].forEach((_, index) => (weights[1][index] *= 100)); // layer 1's weights dwarf layer 0's
  const pruned = magnitudePrune(weights, masks, { scope: 'global', fraction: 0.4, outputFraction: 0 });
  assert.equal(count(pruned[0]) + count(pruned[1]), 50 - 20);
  assert.equal(count(pruned[1]), 20, 'the large layer loses nothing: the small layer holds the smallest weights');
  assert.equal(count(pruned[2]), 12, 'outputFraction 0: the output layer is not pruned');
  const oneShot = magnitudePrune(weights, masks, { scope: 'layerwise', fraction: 0.2, outputFraction: 0.1 }, 3);
  assert.deepEqual(oneShot.map(count), [keptAfter(30, 0.2, 3), keptAfter(20, 0.2, 3), keptAfter(12, 0.1, 3)]);
});

test('ties are broken by position, so pruning is deterministic', () => {
  const weights = [new Float32Array([1, 1, 1, 1, 2]), new Float32Array([1, 1])];
  const masks = weights.map((layer) => new Uint8Array(layer.length).fill(1));
  const pruned = magnitudePrune(weights, masks, { scope: 'layerwise', fraction: 0.4, outputFraction: 0 });
  assert.deepEqual([...pruned[0]], [1, 1, 0, 0, 1]);
});

test('random masks keep as many weights per layer at other positions; densities count them', () => {
  const { weights, masks } = network(3);
  const ticket = magnitudePrune(weights, masks, { scope: 'layerwise', fraction: 0.5, outputFraction: 0.5 });
  const random = randomMasksLike(ticket, new RandomStream(9));
  assert.deepEqual(random.map(count), ticket.map(count));
  assert.notDeepEqual(random, ticket);
  assert.deepEqual(randomMasksLike(ticket, new RandomStream(9)), random, 'seeded');
  const { density, layerDensity } = densities(ticket);
  assert.deepEqual(layerDensity, [15 / 30, 10 / 20, 6 / 12]);
  assert.equal(density, 31 / 62);
});
