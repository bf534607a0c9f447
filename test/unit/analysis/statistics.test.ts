import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, quartiles } from '../../../src/core/analysis/statistics';

/** Reference: the textbook definitions, computed naively. */
function naiveStd(values: number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}

test('describe: odd count, unsorted input', () => {
  const values = [5, 1, 4, 2, 3];
  const result = describe(values);
  assert.deepEqual({ ...result, std: 0 }, { count: 5, mean: 3, median: 3, std: 0, min: 1, max: 5 });
  assert.ok(Math.abs(result.std - Math.sqrt(2.5)) < 1e-15);
  assert.deepEqual(values, [5, 1, 4, 2, 3], 'the input is not reordered');
});

test('describe: even count averages the two middle values', () => {
  assert.equal(describe([10, 1, 3, 7]).median, 5);
});

test('describe: std matches the naive reference on random data', () => {
  let state = 7;
  const values = Array.from({ length: 37 }, () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) * 10 - 3);
  assert.ok(Math.abs(describe(values).std - naiveStd(values)) < 1e-12);
});

test('describe: single value has std 0', () => {
  assert.deepEqual(describe([2.5]), { count: 1, mean: 2.5, median: 2.5, std: 0, min: 2.5, max: 2.5 });
});

test('describe: NaN, Infinity and null are skipped', () => {
  assert.deepEqual(describe([NaN, 1, null, 3, Infinity, -Infinity]), describe([1, 3]));
  assert.equal(describe([NaN, 1, null, 3]).count, 2);
});

test('describe: no finite value gives count 0 and NaN statistics', () => {
  for (const values of [[], [NaN, null]]) {
    const result = describe(values);
    assert.equal(result.count, 0);
    for (const key of ['mean', 'median', 'std', 'min', 'max'] as const) assert.ok(Number.isNaN(result[key]), key);
  }
});

test('describe: tiny errors keep their spread (no cancellation)', () => {
  const high = 1e9 + 1e-6;
  const low = 1e9 - 1e-6;
  // high - low is exact (Sterbenz); the std of two values is their distance over sqrt(2).
  const result = describe([high, low]);
  assert.ok(Math.abs(result.std - (high - low) / Math.SQRT2) < 1e-3 * (high - low));
});

test('quartiles: median and quartiles by linear interpolation at (n - 1)p, non-finite values skipped', () => {
  assert.deepEqual(quartiles([5, 1, 3, null, NaN, 2, 4]), { count: 5, median: 3, lowerQuartile: 2, upperQuartile: 4 });
  assert.deepEqual(quartiles([1, 2]), { count: 2, median: 1.5, lowerQuartile: 1.25, upperQuartile: 1.75 });
  assert.deepEqual(quartiles([7]), { count: 1, median: 7, lowerQuartile: 7, upperQuartile: 7 });
  const none = quartiles([null, Infinity]);
  assert.equal(none.count, 0);
  assert.ok(Number.isNaN(none.median) && Number.isNaN(none.lowerQuartile) && Number.isNaN(none.upperQuartile));
});
