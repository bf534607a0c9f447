// The theory's N* = c·r beside a measured boundary: the constant, its seeded bootstrap band, and
// the predicted success rate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundaryCell } from '../../../../src/core/families/teacher-student/phaseBoundary';
import { boundaryTheory, fitThroughOrigin, predictedSuccess } from '../../../../src/core/families/teacher-student/theory/boundaryTheory';

/** A grid whose success rate crosses 50% near N = 8·r, with 6 trials per cell and some noise. */
function grid(): BoundaryCell[] {
  const cells: BoundaryCell[] = [];
  for (const r of [5, 10, 15, 20]) {
    for (const samples of [20, 40, 60, 80, 100, 120, 160, 200]) {
      const ratio = samples / (8 * r);
      const successes = ratio < 0.8 ? 0 : ratio < 0.95 ? 1 : ratio < 1.05 ? 3 : ratio < 1.25 ? 5 : 6;
      cells.push({ values: { nonzerosPerNeuron: r, samples }, trials: 6, successes });
    }
  }
  return cells;
}

describe('boundaryTheory', () => {
  it('fits through the origin by least squares', () => {
    assert.ok(Math.abs((fitThroughOrigin([1, 2, 3], [2, 4, 6]) as number) - 2) < 1e-12);
    // Σxy / Σx² = (1·1 + 2·5) / 5 = 2.2
    assert.ok(Math.abs((fitThroughOrigin([1, 2], [1, 5]) as number) - 2.2) < 1e-12);
    assert.equal(fitThroughOrigin([], []), null);
  });

  it('finds c near the grid’s 8, with a band that contains it and every r’s interval around its crossing', () => {
    const theory = boundaryTheory(grid(), { hiddenUnits: 5 });
    assert.ok(theory);
    assert.ok(Math.abs(theory.constant - 8) < 1, `c = ${theory.constant}`);
    const { low, high } = theory.constantInterval;
    assert.ok(high !== null && low <= theory.constant && theory.constant <= high, `band [${low}, ${high}] around ${theory.constant}`);
    assert.ok(high - low > 0, 'a band of noisy trials has a width');
    assert.equal(theory.hiddenUnits, 5);
    for (const interval of theory.crossingIntervals) {
      assert.ok(interval.high !== null && interval.low <= 8 * interval.nonzerosPerNeuron * 1.1 && interval.high >= 8 * interval.nonzerosPerNeuron * 0.85, JSON.stringify(interval));
    }
  });

  it('is seeded: the same seed gives the same band, another seed another one', () => {
    const first = boundaryTheory(grid(), { seed: 7 });
    assert.deepEqual(boundaryTheory(grid(), { seed: 7 }), first);
    assert.notDeepEqual(boundaryTheory(grid(), { seed: 8 })?.crossingIntervals, first?.crossingIntervals);
  });

  it('gives a crossing between two cells at 0% and 100% the width of their bracket, not zero', () => {
    const cells: BoundaryCell[] = [
      { values: { nonzerosPerNeuron: 10, samples: 50 }, trials: 4, successes: 0 },
      { values: { nonzerosPerNeuron: 10, samples: 200 }, trials: 4, successes: 4 },
    ];
    const [interval] = (boundaryTheory(cells) as NonNullable<ReturnType<typeof boundaryTheory>>).crossingIntervals;
    assert.ok(interval.high !== null && interval.high - interval.low > 50, JSON.stringify(interval));
  });

  it('predicts 50% success on the line and more above it', () => {
    const theory = { constant: 8, steepness: 4 };
    assert.ok(Math.abs(predictedSuccess(theory, 10, 80) - 0.5) < 1e-12);
    assert.ok(predictedSuccess(theory, 10, 160) > 0.9);
    assert.ok(predictedSuccess(theory, 10, 40) < 0.1);
  });

  it('has no theory when no r crosses 50%', () => {
    assert.equal(boundaryTheory([{ values: { nonzerosPerNeuron: 5, samples: 10 }, trials: 3, successes: 0 }]), null);
  });
});
