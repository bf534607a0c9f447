import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from '../../../src/shared/protocol';
import { LiveRun, type TrainerHandle } from '../../../src/extension/runner/liveRun';
import { RunRegistry, type RunChange } from '../../../src/extension/runner/runRegistry';
import type { TrainerExit } from '../../../src/extension/runner/trainerExit';
import { fakeManifest } from '../runs/fakeRunFolder';
import { fakeTrialRecord } from './fixtures/trialRecord';

/** A trainer the test drives by hand: emit events, then exit. */
function manualTrainer() {
  let emit!: (event: RunEvent) => void;
  let exit!: (value: TrainerExit) => void;
  let cancels = 0;
  const exited = new Promise<TrainerExit>((resolve) => (exit = resolve));
  const start = (onEvent: (event: RunEvent) => void): TrainerHandle => {
    emit = onEvent;
    return { exited, cancel: () => void cancels++, stop: () => exited };
  };
  return { start, emit: (event: RunEvent) => emit(event), exit: (value: TrainerExit) => exit(value), cancels: () => cancels };
}

const manifest = fakeManifest();

test('a live run tracks the folder, resumed trials and progress from the events', async () => {
  const trainer = manualTrainer();
  const run = new LiveRun('file:///a.lth.json', 'tiny', '/runs', trainer.start, 1000);
  trainer.emit({ type: 'run-started', runDir: '/runs/tiny/2025', manifest, totalTrials: 4, completedTrials: 2 });
  trainer.emit({ type: 'trial-completed', record: fakeTrialRecord(2), completedTrials: 3, totalTrials: 4 });
  assert.deepEqual(
    { ...run.progress },
    { runId: 'tiny/2025', runDir: '/runs/tiny/2025', completedTrials: 3, totalTrials: 4, completedAtStart: 2, startedAtMs: 1000, cancelRequested: false },
  );
  assert.equal(run.outcome, undefined, 'no outcome while the trainer runs');
  trainer.exit({ code: null, signal: 'SIGKILL', cancelRequested: false, completedTrials: 3, totalTrials: 4 });
  const finished = await run.finished;
  assert.equal(finished.status, 'failed');
  assert.equal(run.outcome, finished);
});

test('the registry refuses a second run of the same file and reports start, events and end', async () => {
  const changes: string[] = [];
  const registry = new RunRegistry((error) => assert.fail(String(error)));
  registry.onDidChange((change: RunChange) => changes.push(change.kind === 'event' ? `event:${change.event.type}` : change.kind));
  const trainer = manualTrainer();
  const run = new LiveRun('file:///a.lth.json', 'tiny', '/runs', trainer.start);
  registry.add(run);
  assert.throws(() => registry.add(new LiveRun('file:///a.lth.json', 'tiny', '/runs', manualTrainer().start)), /tiny is already running/);
  assert.equal(registry.get('file:///a.lth.json'), run);
  trainer.emit({ type: 'log', level: 'info', message: 'hello' });
  run.cancel();
  assert.equal(trainer.cancels(), 1);
  trainer.exit({ code: 0, signal: null, cancelRequested: true, completedTrials: 0, totalTrials: 4 });
  await run.finished;
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(changes, ['started', 'event:log', 'finished']);
  assert.equal(registry.get('file:///a.lth.json'), undefined, 'a finished run leaves the registry, so the file can run again');
});

test('a listener that throws is reported and does not starve the others', () => {
  const errors: unknown[] = [];
  const registry = new RunRegistry((error) => errors.push(error));
  let heard = 0;
  registry.onDidChange(() => {
    throw new Error('broken view');
  });
  registry.onDidChange(() => void heard++);
  registry.add(new LiveRun('file:///b.lth.json', 'b', '/runs', manualTrainer().start));
  assert.equal(heard, 1);
  assert.equal(errors.length, 1);
});
