import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimumCostAssignment } from '../../../src/core/linalg/assignment';

/** The obviously-correct reference: try every permutation. */
function bruteForceMinimumCost(cost: Float64Array, size: number): number {
  let best = Infinity;
  const permutation = Array.from({ length: size }, (_, index) => index);
  const permute = (position: number): void => {
    if (position === size) {
      let total = 0;
      for (let row = 0; row < size; row++) total += cost[row * size + permutation[row]];
      best = Math.min(best, total);
      return;
    }
    for (let swap = position; swap < size; swap++) {
      [permutation[position], permutation[swap]] = [permutation[swap], permutation[position]];
      permute(position + 1);
      [permutation[position], permutation[swap]] = [permutation[swap], permutation[position]];
    }
  };
  permute(0);
  return best;
}

function totalCost(cost: Float64Array, size: number, columnOfRow: Int32Array): number {
  let total = 0;
  for (let row = 0; row < size; row++) total += cost[row * size + columnOfRow[row]];
  return total;
}

test('matches brute force on random matrices of size 1..7, including ties and negatives', () => {
  let state = 12345;
  const nextUniform = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let size = 1; size <= 7; size++) {
    for (let repeat = 0; repeat < 20; repeat++) {
      const cost = new Float64Array(size * size);
      // Every third matrix uses a few integer levels so that ties occur.
      for (let index = 0; index < cost.length; index++) {
        cost[index] = repeat % 3 === 0 ? Math.floor(nextUniform() * 3) : nextUniform() * 20 - 10;
      }
      const columnOfRow = minimumCostAssignment(cost, size);
      assert.deepEqual([...columnOfRow].sort((a, b) => a - b), Array.from({ length: size }, (_, index) => index), 'a permutation');
      assert.ok(Math.abs(totalCost(cost, size, columnOfRow) - bruteForceMinimumCost(cost, size)) < 1e-9);
    }
  }
});

test('recovers a hidden permutation from a distance matrix', () => {
  const hidden = [3, 0, 4, 1, 2];
  const size = hidden.length;
  const cost = new Float64Array(size * size).fill(1);
  hidden.forEach((column, row) => (cost[row * size + column] = 0));
  assert.deepEqual([...minimumCostAssignment(cost, size)], hidden);
});

test('rejects a cost of the wrong size or with non-finite entries', () => {
  assert.throws(() => minimumCostAssignment(new Float64Array(5), 2), /expected 2×2/);
  assert.throws(() => minimumCostAssignment(Float64Array.from([0, NaN, 1, 2]), 2), /cost\[1\] is NaN/);
});
