// The trainer child as the extension starts it: forked (here through tsx), a TrainerLaunch in
// argv[2], events over IPC, cancel by message, exit when the parent disconnects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readManifest } from '../../../src/core/runs/manifestFile';
import { readTrialLog } from '../../../src/core/runs/trialLog';
import { checkRunEvent } from '../../../src/shared/protocolGuards';
import type { RunEvent, TrainerLaunch } from '../../../src/shared/protocol';
import { parseTrainerLaunch } from '../../../src/trainer/trainerMain';
import { LASTING_RUN, LASTING_RUN_TRAININGS, temporaryDir, writeTinyExperiment } from './fixtures/tinyExperiment';

const trainerPath = join(__dirname, '..', '..', '..', 'src', 'trainer', 'trainerMain.ts');

interface Trainer {
  child: ChildProcess;
  events: RunEvent[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves with the first event that satisfies `predicate`. */
  waitFor(predicate: (event: RunEvent) => boolean): Promise<RunEvent>;
}

function startTrainer(argument: string): Trainer {
  const child = fork(trainerPath, [argument], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const events: RunEvent[] = [];
  const waiters: Array<{ predicate: (event: RunEvent) => boolean; resolve: (event: RunEvent) => void }> = [];
  child.on('message', (message) => {
    const checked = checkRunEvent(message);
    assert.ok(checked.ok, checked.ok ? '' : checked.problem);
    events.push(checked.value);
    for (const waiter of waiters.splice(0)) {
      if (waiter.predicate(checked.value)) waiter.resolve(checked.value);
      else waiters.push(waiter);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (predicate: (event: RunEvent) => boolean) =>
    new Promise<RunEvent>((resolve) => {
      const seen = events.find(predicate);
      if (seen) resolve(seen);
      else waiters.push({ predicate, resolve });
    });
  return { child, events, exited, waitFor };
}

const launch = (overrides: Partial<TrainerLaunch> & { configPath: string }): string =>
  JSON.stringify({ outDir: join(temporaryDir(), 'runs'), workers: 1, ...overrides });

test('a forked trainer runs the sweep, sends every event and exits 0', async () => {
  const trainer = startTrainer(launch({ configPath: writeTinyExperiment(temporaryDir()) }));
  assert.equal(await trainer.exited, 0);
  const types = trainer.events.map((event) => event.type).filter((type) => type !== 'log');
  assert.deepEqual(types, ['run-started', ...Array(8).fill('trial-completed'), 'run-finished']);
  const finished = trainer.events[trainer.events.length - 1];
  assert.ok(finished.type === 'run-finished' && finished.status === 'completed');
});

test('a cancel message stops the run cleanly (exit 0, cancelled); malformed commands are dropped with a warning', async () => {
  const trainer = startTrainer(launch({ configPath: writeTinyExperiment(temporaryDir(), LASTING_RUN) }));
  const started = await trainer.waitFor((event) => event.type === 'run-started');
  await trainer.waitFor((event) => event.type === 'trial-completed');
  trainer.child.send({ type: 'pause' });
  await trainer.waitFor((event) => event.type === 'log' && /dropped a malformed command/.test(event.message));
  trainer.child.send({ type: 'cancel' });
  assert.equal(await trainer.exited, 0);
  const finished = trainer.events[trainer.events.length - 1];
  assert.ok(finished.type === 'run-finished' && finished.status === 'cancelled' && finished.completedTrials < LASTING_RUN_TRAININGS);
  const runDir = started.type === 'run-started' ? started.runDir : '';
  assert.equal(readManifest(runDir).status, 'cancelled');
  assert.equal(readTrialLog(runDir).records.length, finished.completedTrials, 'every reported trial is on disk');
});

test('when the parent disconnects, the trainer cancels and exits (no orphan)', async () => {
  const trainer = startTrainer(launch({ configPath: writeTinyExperiment(temporaryDir(), LASTING_RUN) }));
  const started = await trainer.waitFor((event) => event.type === 'run-started');
  trainer.child.disconnect();
  assert.equal(await trainer.exited, 0);
  assert.equal(readManifest(started.type === 'run-started' ? started.runDir : '').status, 'cancelled');
});

test('an invalid config fails with exit 1 and a run-finished message', async () => {
  const trainer = startTrainer(launch({ configPath: writeTinyExperiment(temporaryDir(), { trials: 0 }) }));
  assert.equal(await trainer.exited, 1);
  const failure = trainer.events[trainer.events.length - 1];
  assert.ok(failure.type === 'run-finished' && failure.status === 'failed');
  assert.match(failure.message ?? '', /tiny\.lth\.json:\d+:\d+: trials/);
});

test('parseTrainerLaunch names what is wrong', () => {
  assert.throws(() => parseTrainerLaunch(undefined), /expected a TrainerLaunch as JSON in argv\[2\], got nothing/);
  assert.throws(() => parseTrainerLaunch('{'), /argv\[2\] is not valid JSON/);
  assert.throws(() => parseTrainerLaunch('[]'), /expected a TrainerLaunch object/);
  assert.throws(() => parseTrainerLaunch('{"configPath":"a","outDir":"b","workers":0}'), /argv\[2\]\.workers: expected an integer >= 1, got 0/);
  assert.deepEqual(parseTrainerLaunch('{"configPath":"a","outDir":"b","resumeDir":"c","workers":2}'), { configPath: 'a', outDir: 'b', resumeDir: 'c', workers: 2 });
});

test('--serve: a warm trainer runs one launch after another in one process, a cancel keeps it serving, and it exits 0 when the parent disconnects', async () => {
  const trainer = startTrainer('--serve');
  const dir = temporaryDir();
  const outDir = join(dir, 'runs');
  const finishedRuns = () => trainer.events.filter((event) => event.type === 'run-finished');
  const runOn = async (configPath: string, count: number) => {
    trainer.child.send({ type: 'run', launch: { configPath, outDir, workers: 1 } });
    return trainer.waitFor(() => finishedRuns().length === count).then(() => finishedRuns()[count - 1]);
  };
  const first = await runOn(writeTinyExperiment(dir), 1);
  assert.ok(first.type === 'run-finished' && first.status === 'completed' && first.completedTrials === 8);
  const second = await runOn(writeTinyExperiment(dir, { seed: 8 }), 2);
  assert.ok(second.type === 'run-finished' && second.status === 'completed', 'a second run in the same process');

  trainer.child.send({ type: 'run', launch: { configPath: writeTinyExperiment(dir, LASTING_RUN), outDir, workers: 1 } });
  await trainer.waitFor((event) => event.type === 'trial-completed' && event.record.trial >= 1 && finishedRuns().length === 2);
  trainer.child.send({ type: 'cancel' });
  const cancelled = await trainer.waitFor(() => finishedRuns().length === 3).then(() => finishedRuns()[2]);
  assert.ok(cancelled.type === 'run-finished' && cancelled.status === 'cancelled' && cancelled.completedTrials < LASTING_RUN_TRAININGS);
  const afterCancel = await runOn(writeTinyExperiment(dir, { seed: 9 }), 4);
  assert.ok(afterCancel.type === 'run-finished' && afterCancel.status === 'completed', 'a new pool serves the run after a cancel');

  trainer.child.disconnect();
  assert.equal(await trainer.exited, 0);
});

test('a hang-up (SIGHUP) stops a trainer like SIGTERM: the run is cancelled, not left "running"', async () => {
  const trainer = startTrainer(launch({ configPath: writeTinyExperiment(temporaryDir(), LASTING_RUN) }));
  const started = await trainer.waitFor((event) => event.type === 'run-started');
  await trainer.waitFor((event) => event.type === 'trial-completed');
  trainer.child.kill('SIGHUP');
  assert.equal(await trainer.exited, 0);
  const finished = trainer.events[trainer.events.length - 1];
  assert.ok(finished.type === 'run-finished' && finished.status === 'cancelled');
  assert.equal(readManifest(started.type === 'run-started' ? started.runDir : '').status, 'cancelled');
});
