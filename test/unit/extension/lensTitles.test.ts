import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cancelLensTitle, formatLocalMinute, resultsLensTitle } from '../../../src/extension/lensTitles';

test('results lens names the last run in local time to the minute and its trial count', () => {
  const startedAt = new Date(2025, 10, 5, 9, 7, 59); // local time: 2025-11-05 09:07
  assert.equal(resultsLensTitle(startedAt, 45), 'Show results (last: 2025-11-05 09:07, 45 trials)');
});

test('one trial is singular', () => {
  assert.match(resultsLensTitle(new Date(2025, 0, 1), 1), /, 1 trial\)$/);
});

test('a run whose log could not be counted is named without a count', () => {
  assert.equal(resultsLensTitle(new Date(2025, 10, 5, 9, 7), undefined), 'Show results (last: 2025-11-05 09:07)');
});

test('cancel lens shows completed over total', () => {
  assert.equal(cancelLensTitle(12, 45), '■ Cancel (12/45)');
});

test('an unparseable date says so instead of printing NaN', () => {
  assert.equal(formatLocalMinute(new Date('not a date')), 'unknown date');
});
