import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeTrainerExit, type TrainerExit } from '../../../src/extension/runner/trainerExit';

const base: TrainerExit = { code: 0, signal: null, cancelRequested: false, completedTrials: 4, totalTrials: 10 };
const finished = (status: 'completed' | 'cancelled' | 'failed', message?: string) =>
  ({ type: 'run-finished', status, completedTrials: 4, totalTrials: 10, seconds: 1, message }) as const;

test('the child\'s own run-finished wins, even with a non-zero exit code', () => {
  const outcome = describeTrainerExit({ ...base, code: 1, finished: finished('failed', 'out of memory') });
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.message, /out of memory/);
  assert.match(outcome.message, /4 finished trials are kept/);
});

test('exit 0 without run-finished is a failure: the sweep did not end', () => {
  const outcome = describeTrainerExit(base);
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.message, /exited without finishing the run after 4\/10 trials/);
});

test('a signal names the signal; with no finished trial nothing is said to be kept', () => {
  const outcome = describeTrainerExit({ ...base, code: null, signal: 'SIGKILL', completedTrials: 0 });
  assert.match(outcome.message, /killed by SIGKILL/);
  assert.doesNotMatch(outcome.message, /kept/);
});

test('a kill after the user cancelled is a cancellation', () => {
  assert.equal(describeTrainerExit({ ...base, code: null, signal: 'SIGTERM', cancelRequested: true }).status, 'cancelled');
});

test('a spawn error is reported as such', () => {
  const outcome = describeTrainerExit({ ...base, code: null, error: new Error('spawn ENOENT.') });
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.message, /could not run: spawn ENOENT\. /);
});

test('completed and cancelled runs are told with their counts', () => {
  assert.deepEqual(describeTrainerExit({ ...base, finished: finished('completed') }), { status: 'completed', message: 'Finished 4/10 trials.' });
  assert.match(describeTrainerExit({ ...base, finished: finished('cancelled') }).message, /^Cancelled after 4\/10 trials\./);
});
