import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cancelLensTitle, formatLocalMinute, resultsLensTitle, runLensTitle, type Translate } from '../../../src/extension/lensTitles';

/** What vscode.l10n.t does without a translation bundle: fills the placeholders. */
const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)]));

test('results lens names the last run in local time to the minute and its trial count', () => {
  const startedAt = new Date(2025, 10, 5, 9, 7, 59); // local time: 2025-11-05 09:07
  assert.equal(resultsLensTitle(english, startedAt, 45), 'Show results (last: 2025-11-05 09:07, 45 trials)');
});

test('one trial is singular', () => {
  assert.match(resultsLensTitle(english, new Date(2025, 0, 1), 1), /, 1 trial\)$/);
});

test('a run whose log could not be counted is named without a count', () => {
  assert.equal(resultsLensTitle(english, new Date(2025, 10, 5, 9, 7), undefined), 'Show results (last: 2025-11-05 09:07)');
});

test('cancel lens shows completed over total', () => {
  assert.equal(cancelLensTitle(english, 12, 45), '■ Cancel (12/45)');
});

test('every lens title goes through the translation: a translated bundle changes each', () => {
  const upperCase: Translate = (message, ...args) => english(message.toUpperCase(), ...args);
  const startedAt = new Date(2025, 10, 5, 9, 7);
  assert.equal(runLensTitle(upperCase), '▶ RUN LTH EXPERIMENT');
  assert.equal(resultsLensTitle(upperCase, startedAt, 3), 'SHOW RESULTS (LAST: 2025-11-05 09:07, 3 TRIALS)');
  assert.equal(resultsLensTitle(upperCase, startedAt, 1), 'SHOW RESULTS (LAST: 2025-11-05 09:07, 1 TRIAL)');
  assert.equal(resultsLensTitle(upperCase, startedAt, undefined), 'SHOW RESULTS (LAST: 2025-11-05 09:07)');
  assert.equal(cancelLensTitle(upperCase, 1, 2), '■ CANCEL (1/2)');
});

test('an unparseable date says so instead of printing NaN', () => {
  assert.equal(formatLocalMinute(new Date('not a date')), 'unknown date');
});
