import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, progressBar, progressRate, progressText, ProgressReporter } from '../../../src/cli/progress';

test('formatDuration: minutes and hours, unknown as ?', () => {
  assert.equal(formatDuration(0), '0:00');
  assert.equal(formatDuration(61.4), '1:01');
  assert.equal(formatDuration(3723), '1:02:03');
  assert.equal(formatDuration(NaN), '?');
  assert.equal(formatDuration(Infinity), '?');
});

test('progressRate: counts only the trials of this session', () => {
  // 10 done before, 30 done now after 10 s: 2 trials/s, 60 left -> 30 s.
  const rate = progressRate({ completedTrials: 30, totalTrials: 90, resumedTrials: 10, elapsedSeconds: 10 });
  assert.equal(rate.trialsPerSecond, 2);
  assert.equal(rate.etaSeconds, 30);
  assert.ok(Number.isNaN(progressRate({ completedTrials: 10, totalTrials: 90, resumedTrials: 10, elapsedSeconds: 5 }).etaSeconds));
});

test('progressText and progressBar show counts, percent, rate and ETA', () => {
  const state = { completedTrials: 12, totalTrials: 48, resumedTrials: 0, elapsedSeconds: 4 };
  assert.equal(progressText(state), '12/48 trials (25%), 3.00 trials/s, ETA 0:12');
  assert.equal(progressBar(state, 8), '[##------] 12/48 trials (25%), 3.00 trials/s, ETA 0:12');
  assert.equal(progressText({ ...state, completedTrials: 0 }), '0/48 trials (0%), - trials/s, ETA estimating');
  // One trial in 4 s is a rate, not yet a pace to promise an end by.
  assert.equal(progressText({ ...state, completedTrials: 1 }), '1/48 trials (2%), 0.250 trials/s, ETA estimating');
});

function recordingStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

test('ProgressReporter redraws one line on a terminal and ends it on finish', () => {
  const stream = recordingStream(true);
  const reporter = new ProgressReporter(stream);
  reporter.update(1, 4, 0, true);
  reporter.update(2, 4, 0); // throttled: within 100 ms of the previous draw
  reporter.update(4, 4, 0, true);
  reporter.finish();
  assert.equal(stream.writes.length, 3);
  assert.ok(stream.writes.slice(0, 2).every((text) => text.startsWith('\r\x1b[K[') && !text.includes('\n')));
  assert.match(stream.writes[1], /4\/4 trials \(100%\)/);
  assert.equal(stream.writes[2], '\n');
});

test('ProgressReporter prints whole lines, at most one per interval, when not on a terminal', () => {
  const stream = recordingStream(false);
  const reporter = new ProgressReporter(stream, Date.now(), 3600);
  reporter.update(1, 4, 0);
  reporter.update(2, 4, 0);
  reporter.update(4, 4, 0, true);
  reporter.finish();
  assert.equal(stream.writes.length, 2);
  assert.ok(stream.writes.every((text) => text.endsWith('\n') && !text.includes('\r')));
  assert.match(stream.writes[0], /^1\/4 trials/);
});
