// The error curve, the convergence rate and the iterations to 1e-3 / 1e-6 measure the relative
// weight error up to neuron permutation, as the final relativeError does (paper.md §3): a dense
// student that recovers a permuted teacher converges, and its curve must say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTrial } from '../../../src/core/families/teacher-student/training/runTrial';
import { smallSpec } from './support';

// Dense mask and random initialization: any neuron order is reachable. Seeds 4 and 6 end on a
// permuted teacher (their curves ended near 1 while relativeError was ~1e-9).
const denseRandom = smallSpec({ nonzerosPerNeuron: 20, studentMask: 'dense', init: 'random', samples: 400, maxIterations: 600, tolerance: 0 });

test('dense student, random init: the curve starts at the initial error, ends at the final error, and a converged trial has a rate', () => {
  let converged = 0;
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const metrics = runTrial({ ...denseRandom, seed });
    const { relativeError: curve } = metrics.curve;
    // Equal up to rounding (the kernel sums the squared differences in another order).
    assert.ok(Math.abs(curve[0] - metrics.initialRelativeError) <= 1e-12 * metrics.initialRelativeError, `seed ${seed}: curve starts at ${curve[0]}, initialRelativeError ${metrics.initialRelativeError}`);
    const last = curve[curve.length - 1];
    assert.ok(Math.abs(last - metrics.relativeError) <= 1e-6 * metrics.relativeError, `seed ${seed}: curve ends at ${last}, relativeError ${metrics.relativeError}`);
    if (metrics.relativeError < 1e-8) {
      converged++;
      assert.ok(metrics.convergenceRate !== null && metrics.convergenceRate > 0 && metrics.convergenceRate < 1, `seed ${seed}: rate ${metrics.convergenceRate}`);
      assert.ok(metrics.iterationsTo1e3 !== null && metrics.iterationsTo1e6 !== null && metrics.iterationsTo1e3 < metrics.iterationsTo1e6, `seed ${seed}`);
    }
  }
  assert.ok(converged >= 3, `${converged} of 6 trials converged`);
});
