import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TRIALS_BEFORE_ESTIMATE } from '../../../src/core/execution/timeLeft';
import { estimateSecondsLeft, formatDuration, percentDone, progressMessage } from '../../../src/extension/runner/eta';

test('time left extrapolates the pace of this run: 10 trials in 20 s, 30 left -> 60 s', () => {
  const secondsLeft = estimateSecondsLeft({ startedAtMs: 1000, nowMs: 21_000, completedAtStart: 0, completedTrials: 10, totalTrials: 40 });
  assert.equal(secondsLeft, 60);
});

test('trials resumed from disk do not count toward the pace', () => {
  // 20 were on disk; 5 done here in 10 s -> 2 s each; 15 left -> 30 s.
  const secondsLeft = estimateSecondsLeft({ startedAtMs: 0, nowMs: 10_000, completedAtStart: 20, completedTrials: 25, totalTrials: 40 });
  assert.equal(secondsLeft, 30);
});

test('no estimate before the first trial of this run', () => {
  assert.equal(estimateSecondsLeft({ startedAtMs: 0, nowMs: 5000, completedAtStart: 7, completedTrials: 7, totalTrials: 40 }), undefined);
});

test('no estimate from the first trials alone: they finish together, one per worker, after the start-up', () => {
  // Two trials in 10 s would extrapolate 38 more to 190 s, though two workers ran them side by side.
  const early = { startedAtMs: 0, nowMs: 10_000, completedAtStart: 0, completedTrials: TRIALS_BEFORE_ESTIMATE - 1, totalTrials: 40 };
  assert.equal(estimateSecondsLeft(early), undefined);
  assert.equal(progressMessage(early), `${TRIALS_BEFORE_ESTIMATE - 1}/40 trials, estimating time left…`);
  assert.notEqual(estimateSecondsLeft({ ...early, completedTrials: TRIALS_BEFORE_ESTIMATE }), undefined);
});

test('percent is whole, clamped, and an empty sweep is done', () => {
  assert.equal(percentDone(1, 3), 33);
  assert.equal(percentDone(5, 3), 100);
  assert.equal(percentDone(0, 0), 100);
});

test('durations are coarse and readable', () => {
  assert.equal(formatDuration(2), 'under 5 s');
  assert.equal(formatDuration(42), '40 s');
  assert.equal(formatDuration(185), '3 min');
  assert.equal(formatDuration(3900), '1 h 5 min');
  assert.equal(formatDuration(7200), '2 h');
});

test('progress message adds the estimate only while trials remain', () => {
  const running = { startedAtMs: 0, nowMs: 20_000, completedAtStart: 0, completedTrials: 10, totalTrials: 40 };
  assert.equal(progressMessage(running), '10/40 trials, about 1 min left');
  assert.equal(progressMessage({ ...running, completedTrials: 40 }), '40/40 trials');
});
