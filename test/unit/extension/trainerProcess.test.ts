import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RunEvent } from '../../../src/shared/protocol';
import { TrainerProcess, type TrainerListener } from '../../../src/extension/runner/trainerProcess';
import { describeTrainerExit } from '../../../src/extension/runner/trainerExit';

const FAKE_TRAINER = join(import.meta.dirname, 'fixtures', 'fakeTrainer.mjs');
const SHORT_TIMEOUTS = { cancelGraceMs: 200, terminateGraceMs: 200 };

function recordingListener() {
  const events: RunEvent[] = [];
  const output: string[] = [];
  const problems: string[] = [];
  const listener: TrainerListener = {
    onEvent: (event) => events.push(event),
    onOutput: (line, stream) => output.push(`${stream}: ${line}`),
    onMalformedMessage: (problem) => problems.push(problem),
  };
  return { events, output, problems, listener };
}

/** A new fake trainer process; `after` disposes it at the end of the test. */
function newTrainer(timeouts = SHORT_TIMEOUTS): TrainerProcess {
  const trainer = new TrainerProcess(FAKE_TRAINER, timeouts);
  after(() => trainer.dispose());
  return trainer;
}

function start(behaviour: string, listener: TrainerListener, timeouts = SHORT_TIMEOUTS) {
  return newTrainer(timeouts).run({ configPath: behaviour, outDir: '/tmp/runs' }, listener);
}

/** Resolves with the first output line that starts with `prefix`. */
function outputLine(output: string[], prefix: string): Promise<string> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const line = output.find((item) => item.startsWith(prefix));
      if (line) {
        clearInterval(poll);
        resolve(line);
      }
    }, 10);
  });
}

/** Running, not a zombie (a killed orphan may wait a while to be reaped by init). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all we can know
  }
}

test('a completed run relays every event in order and its stdout, and ends completed', async () => {
  const { events, output, listener } = recordingListener();
  const exit = await start('complete', listener).exited;
  assert.deepEqual(events.map((event) => event.type), ['log', 'run-started', 'trial-completed', 'trial-completed', 'trial-completed', 'run-finished']);
  // Output comes through its own pipe: a warm trainer's run ends with run-finished, maybe before its output arrives.
  await outputLine(output, 'stdout: a stray line');
  assert.deepEqual(output, ['stdout: a stray line on stdout']);
  assert.equal(exit.finished?.status, 'completed');
  assert.equal(exit.completedTrials, 3);
  assert.equal(describeTrainerExit(exit).status, 'completed');
});

test('a malformed message is reported with its path and dropped; the valid ones still arrive', async () => {
  const { events, problems, listener } = recordingListener();
  await start('malformed', listener).exited;
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^trial-completed\.record\./);
  assert.equal(events.filter((event) => event.type === 'trial-completed').length, 1);
});

test('a crashing child is a failure that names the exit code and keeps the finished trials', async () => {
  const { output, listener } = recordingListener();
  const exit = await start('crash', listener).exited;
  const outcome = describeTrainerExit(exit);
  assert.equal(exit.code, 3);
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.message, /exit code 3/);
  assert.match(outcome.message, /1 finished trials are kept/);
  assert.ok(output.includes('stderr: Error: something broke'));
});

test('cancel is sent over IPC and a cooperative child ends cancelled without a signal', async () => {
  const { events, listener } = recordingListener();
  // A long grace, so a busy machine cannot turn this into a SIGTERM.
  const trainer = start('slow', listener, { cancelGraceMs: 20_000, terminateGraceMs: 1000 });
  await new Promise((resolve) => setTimeout(resolve, 80));
  trainer.cancel();
  const exit = await trainer.exited;
  assert.equal(exit.signal, null);
  assert.equal(events.at(-1)?.type, 'run-finished');
  assert.equal(describeTrainerExit(exit).status, 'cancelled');
});

test('a child that ignores cancel and SIGTERM is killed, and that counts as cancelled, not crashed', async () => {
  const { output, listener } = recordingListener();
  const trainer = start('stubborn', listener);
  await outputLine(output, 'stdout: stubborn and ready');
  trainer.cancel();
  const exit = await trainer.exited;
  assert.equal(exit.signal, 'SIGKILL');
  assert.ok(output.includes('stdout: ignoring SIGTERM'), 'SIGTERM came before SIGKILL');
  assert.equal(describeTrainerExit(exit).status, 'cancelled');
});

test('cancelling kills the whole process tree, grandchildren included', { skip: process.platform === 'win32' }, async () => {
  const { output, listener } = recordingListener();
  const trainer = start('grandchild', listener);
  const grandchildPid = Number((await outputLine(output, 'stdout: grandchild ')).split(' ').at(-1));
  assert.ok(isAlive(grandchildPid));
  trainer.cancel();
  await trainer.exited;
  // The group got SIGTERM/SIGKILL together with its leader; give the kernel a moment to reap.
  for (let attempt = 0; attempt < 50 && isAlive(grandchildPid); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(isAlive(grandchildPid), false);
});

test('a trainer file that does not exist ends as a failure, not an exception', async () => {
  const { listener } = recordingListener();
  const trainer = new TrainerProcess(join(import.meta.dirname, 'fixtures', 'missing.js'), SHORT_TIMEOUTS);
  const exit = await trainer.run({ configPath: 'x', outDir: '/tmp' }, listener).exited;
  assert.ok(exit.code !== 0 || exit.error !== undefined);
  assert.equal(describeTrainerExit(exit).status, 'failed');
});
