// The extension's warm trainers against the fake trainer: runs reuse the idle process; a crash
// or a cancel costs only that process (the next run forks a new one); two
// runs at once get two processes and one is kept; an idle trainer is ended after a while, and
// dispose ends every one.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RunEvent } from '../../../src/shared/protocol';
import type { TrainerHandle } from '../../../src/extension/runner/liveRun';
import { describeTrainerExit } from '../../../src/extension/runner/trainerExit';
import { TrainerProcess, type TrainerListener } from '../../../src/extension/runner/trainerProcess';
import { WarmTrainers } from '../../../src/extension/runner/warmTrainers';

const FAKE_TRAINER = join(import.meta.dirname, 'fixtures', 'fakeTrainer.mjs');
const SHORT_TIMEOUTS = { cancelGraceMs: 200, terminateGraceMs: 200 };

function warmTrainers(idleMs?: number): { trainers: WarmTrainers; forked: TrainerProcess[] } {
  const forked: TrainerProcess[] = [];
  const trainers = new WarmTrainers(() => {
    const trainer = new TrainerProcess(FAKE_TRAINER, SHORT_TIMEOUTS);
    forked.push(trainer);
    return trainer;
  }, idleMs);
  after(() => trainers.dispose());
  return { trainers, forked };
}

/** Starts `behaviour`; resolves with its events and how it ended. */
function run(trainers: WarmTrainers, behaviour: string, onEvent: (event: RunEvent, handle: TrainerHandle) => void = () => {}) {
  const events: RunEvent[] = [];
  const output: string[] = [];
  let handle: TrainerHandle | undefined;
  const listener: TrainerListener = {
    onEvent: (event) => {
      events.push(event);
      onEvent(event, handle!);
    },
    onOutput: (line) => output.push(line),
    onMalformedMessage: () => {},
  };
  handle = trainers.start({ configPath: behaviour, outDir: '/tmp/runs' }, listener);
  return { handle, done: handle.exited.then((exit) => ({ exit, events, output, pid: pidOf(events) })) };
}

function pidOf(events: RunEvent[]): number {
  const logged = events.find((event) => event.type === 'log' && event.message.startsWith('pid '));
  return logged?.type === 'log' ? Number(logged.message.slice(4)) : NaN;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('runs one after another share one warm trainer process', async () => {
  const { trainers, forked } = warmTrainers();
  const first = await run(trainers, 'complete').done;
  await settle();
  const second = await run(trainers, 'complete').done;
  assert.equal(describeTrainerExit(second.exit).status, 'completed');
  assert.equal(second.pid, first.pid, 'the second run ran in the first run\'s process');
  assert.equal(forked.length, 1);
});

test('a crash ends only its run: the next run forks a new trainer and completes', async () => {
  const { trainers, forked } = warmTrainers();
  const warm = await run(trainers, 'complete').done;
  await settle();
  const crashed = await run(trainers, 'crash').done;
  assert.equal(crashed.pid, warm.pid);
  assert.equal(describeTrainerExit(crashed.exit).status, 'failed');
  assert.match(describeTrainerExit(crashed.exit).message, /crashed \(exit code 3\)/);
  await settle();
  const next = await run(trainers, 'complete').done;
  assert.notEqual(next.pid, crashed.pid);
  assert.equal(describeTrainerExit(next.exit).status, 'completed');
  assert.equal(forked.length, 2);
});

test('a cancel ends its trainer, whether it stopped by itself or had to be killed; the next run forks a new one', async () => {
  const { trainers, forked } = warmTrainers();
  const cancelled = await run(trainers, 'slow', (event, handle) => event.type === 'trial-completed' && handle.cancel()).done;
  assert.equal(cancelled.exit.signal, null, 'it stopped by itself');
  assert.equal(describeTrainerExit(cancelled.exit).status, 'cancelled');
  await forked[0].exited;
  await settle();
  const next = await run(trainers, 'complete').done;
  assert.notEqual(next.pid, cancelled.pid);
  assert.equal(describeTrainerExit(next.exit).status, 'completed');

  await settle();
  const killed = await run(trainers, 'stubborn', (event, handle) => event.type === 'run-started' && handle.cancel()).done;
  assert.equal(killed.pid, next.pid, 'the warm trainer took the run');
  assert.equal(killed.exit.signal, 'SIGKILL');
  assert.equal(describeTrainerExit(killed.exit).status, 'cancelled');
  await settle();
  const fresh = await run(trainers, 'complete').done;
  assert.notEqual(fresh.pid, killed.pid, 'a new trainer after the kill');
  assert.equal(describeTrainerExit(fresh.exit).status, 'completed');
  assert.equal(forked.length, 3);
});

test('two runs at once get two trainers; afterwards one is kept idle and the other ends', async () => {
  const { trainers, forked } = warmTrainers();
  const [left, right] = await Promise.all([run(trainers, 'complete').done, run(trainers, 'complete').done]);
  assert.notEqual(left.pid, right.pid);
  assert.equal(forked.length, 2);
  const exits = await Promise.race([Promise.any(forked.map((trainer) => trainer.exited)), new Promise((resolve) => setTimeout(resolve, 5000, 'none'))]);
  assert.notEqual(exits, 'none', 'one of the two trainers was ended');
  assert.equal(forked.filter((trainer) => trainer.idle).length, 1, 'the other is kept warm');
});

test('an idle trainer is ended after the idle time, and dispose ends a running one', async () => {
  const { trainers, forked } = warmTrainers(50);
  await run(trainers, 'complete').done;
  await forked[0].exited; // ended by the idle timer
  const running = run(trainers, 'slow');
  await new Promise((resolve) => setTimeout(resolve, 100));
  await trainers.dispose();
  const ended = await running.done;
  assert.ok(ended.exit.signal !== null || ended.exit.code !== null, 'the run ended with its process');
  await forked[1].exited;
  assert.equal(forked.length, 2);
});
