import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monotoneRates, phaseBoundary, type BoundaryCell } from '../../../src/core/families/teacher-student/phaseBoundary';

function cell(nonzerosPerNeuron: number, samples: number, successes: number, trials = 4): BoundaryCell {
  return { values: { nonzerosPerNeuron, samples }, trials, successes };
}

test('phaseBoundary: a crossing is interpolated in log N', () => {
  // Rate 0.25 at N=50, 0.75 at N=200: 0.5 is half-way in log N, i.e. at the geometric mean 100.
  const { crossings } = phaseBoundary([cell(5, 50, 1), cell(5, 200, 3), cell(5, 20, 0)]);
  assert.equal(crossings.length, 1);
  assert.equal(crossings[0].status, 'crossed');
  assert.ok(Math.abs((crossings[0].criticalSamples as number) - 100) < 1e-9);
});

test('phaseBoundary: a grid point at exactly 0.5 is the boundary', () => {
  const { crossings } = phaseBoundary([cell(5, 40, 0), cell(5, 80, 2), cell(5, 160, 4)]);
  assert.ok(Math.abs((crossings[0].criticalSamples as number) - 80) < 1e-9);
});

test('phaseBoundary: always and never succeeding are reported and not fitted', () => {
  const { crossings, fit } = phaseBoundary([cell(2, 10, 4), cell(2, 20, 4), cell(9, 10, 0), cell(9, 20, 1)]);
  assert.deepEqual(crossings, [
    { nonzerosPerNeuron: 2, status: 'always-succeeds', criticalSamples: null },
    { nonzerosPerNeuron: 9, status: 'never-succeeds', criticalSamples: null },
  ]);
  assert.equal(fit, null);
});

test('phaseBoundary: non-monotone rates are pooled into a monotone rate first', () => {
  // 0.75 at N=20 and 0.25 at N=40 violate monotonicity: pooled, both are 4/8 = 0.5, so the
  // boundary is the block's geometric middle.
  const { crossings } = phaseBoundary([cell(5, 10, 0), cell(5, 20, 3), cell(5, 40, 1), cell(5, 80, 4)]);
  assert.ok(Math.abs((crossings[0].criticalSamples as number) - Math.sqrt(20 * 40)) < 1e-9);
  // 0.75 then 0.25 then 0.25: pooled to 5/12 < 0.5, so the crossing lies above N = 40.
  const pooled = phaseBoundary([cell(5, 10, 0), cell(5, 20, 3), cell(5, 40, 1), cell(5, 60, 1), cell(5, 80, 4)]).crossings[0];
  const below = 5 / 12;
  const expected = Math.exp(Math.log(60) + ((0.5 - below) / (1 - below)) * (Math.log(80) - Math.log(60)));
  assert.ok(Math.abs((pooled.criticalSamples as number) - expected) < 1e-9);
});

test('monotoneRates: pools adjacent violators, weighted by trials', () => {
  assert.deepEqual(monotoneRates([{ trials: 4, successes: 0 }, { trials: 4, successes: 3 }, { trials: 12, successes: 3 }, { trials: 4, successes: 4 }]), [0, 6 / 16, 6 / 16, 1]);
  assert.deepEqual(monotoneRates([{ trials: 2, successes: 0 }, { trials: 2, successes: 1 }]), [0, 0.5]);
});

test('phaseBoundary: boundaries on an exact line N* = a·r + b give a, b and R² = 1', () => {
  const slope = 12;
  const intercept = 30;
  const cells: BoundaryCell[] = [];
  for (const r of [5, 10, 15, 20, 25]) {
    const critical = slope * r + intercept;
    // Rates 0 and 1 placed symmetrically in log N around N*, so the interpolated crossing is N*.
    cells.push(cell(r, critical / 1.5, 0), cell(r, critical * 1.5, 4), cell(r, critical * 4, 4));
  }
  const { crossings, fit } = phaseBoundary(cells);
  assert.deepEqual(crossings.map((crossing) => crossing.nonzerosPerNeuron), [5, 10, 15, 20, 25]);
  assert.ok(fit);
  assert.ok(Math.abs(fit.slope - slope) < 1e-9, `slope ${fit.slope}`);
  assert.ok(Math.abs(fit.intercept - intercept) < 1e-7, `intercept ${fit.intercept}`);
  assert.ok(Math.abs(fit.rSquared - 1) < 1e-12);
  assert.equal(fit.points, 5);
});

test('phaseBoundary: cells sharing (r, N) are pooled', () => {
  // Two noise levels at each N: 1/4 + 0/4 at N=10 is 1/8, 4/4 + 2/4 at N=100 is 6/8.
  const { crossings } = phaseBoundary([cell(3, 10, 1), cell(3, 10, 0), cell(3, 100, 4), cell(3, 100, 2)]);
  const fraction = (0.5 - 1 / 8) / (6 / 8 - 1 / 8);
  assert.ok(Math.abs((crossings[0].criticalSamples as number) - 10 ** (1 + fraction)) < 1e-9);
});
