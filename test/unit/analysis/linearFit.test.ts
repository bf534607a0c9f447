import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLine } from '../../../src/core/analysis/linearFit';

test('fitLine: an exact line is recovered with R² = 1', () => {
  const xs = [5, 10, 15, 20, 30];
  const ys = xs.map((x) => 7.5 * x + 12);
  const fit = fitLine(xs, ys);
  assert.ok(fit);
  assert.ok(Math.abs(fit.slope - 7.5) < 1e-12);
  assert.ok(Math.abs(fit.intercept - 12) < 1e-10);
  assert.ok(Math.abs(fit.rSquared - 1) < 1e-12);
  assert.equal(fit.points, 5);
});

test('fitLine: symmetric residuals leave slope and intercept and lower R² as computed by hand', () => {
  // y = 2x + 1 with residuals +1, -1, -1, +1 at x = 0..3: they are orthogonal to 1 and x - 1.5.
  const fit = fitLine([0, 1, 2, 3], [2, 2, 4, 8]);
  assert.ok(fit);
  assert.ok(Math.abs(fit.slope - 2) < 1e-12);
  assert.ok(Math.abs(fit.intercept - 1) < 1e-12);
  // SS_res = 4; y mean = 4, SS_tot = 4 + 4 + 0 + 16 = 24.
  assert.ok(Math.abs(fit.rSquared - (1 - 4 / 24)) < 1e-12);
});

test('fitLine: constant y is a perfect horizontal fit', () => {
  const fit = fitLine([1, 2, 3], [4, 4, 4]);
  assert.deepEqual(fit, { slope: 0, intercept: 4, rSquared: 1, points: 3 });
});

test('fitLine: undetermined with fewer than two distinct x', () => {
  assert.equal(fitLine([], []), null);
  assert.equal(fitLine([3], [1]), null);
  assert.equal(fitLine([3, 3], [1, 2]), null);
});

test('fitLine: mismatched lengths are a clear error', () => {
  assert.throws(() => fitLine([1, 2], [1]), /2 x values but 1 y values/);
});
