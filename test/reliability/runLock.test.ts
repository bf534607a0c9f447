// Item 4: a run.lock blocks a folder only while the lth run that wrote it is alive. Its pid alone
// says nothing once that run is gone (pid 1, a stray sleep may carry it now); on Linux the
// recorded start time and command line must match /proc too. --force-unlock overrides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockRunFolder, processIdentity } from '../../src/core/runs/runLock';
import { TRIALS_FILE } from '../../src/core/runs/runFolder';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthInProcess, REPO_ROOT } from './support';

const onLinux = process.platform === 'linux';
const LINUX_ONLY = onLinux ? false : 'the process identity check reads /proc (Linux); elsewhere the pid check is all there is';

/**
 * A lock as an lth run that was killed would have left it, naming `pid`, which now belongs to
 * another process: one that started a tick later than the run did, with another command line.
 */
function writeLockOfGoneRun(runDir: string, pid: number): void {
  const lth = { startTime: String(Number(processIdentity(pid).startTime) - 1), command: '/usr/bin/node /opt/lth/dist/cli.js run phase.lth.json' };
  writeFileSync(join(runDir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', ...lth }));
}

/** A process that just sleeps (what a reused pid may belong to); killed after the test. */
async function strayProcess(t: { after(fn: () => void): void }) {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  await once(child, 'spawn');
  t.after(() => child.kill('SIGKILL'));
  return child.pid!;
}

test('a lock naming pid 1 or a stray sleep, left by a run that is gone, is taken over', { skip: LINUX_ONLY }, async (t) => {
  for (const pid of [1, await strayProcess(t)]) {
    const runDir = temporaryDir();
    writeLockOfGoneRun(runDir, pid);
    const lock = lockRunFolder(runDir);
    assert.equal(JSON.parse(readFileSync(join(runDir, LOCK_FILE), 'utf8')).pid, process.pid, `pid ${pid}: the folder is this process's now`);
    lock.release();
  }
});

test('a live lth run holding the lock is still refused, with the lock file and the override named', { skip: LINUX_ONLY }, async (t) => {
  const runDir = temporaryDir();
  // Another process takes the lock the way a run does, then waits.
  const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `require(${JSON.stringify(join(REPO_ROOT, 'src/core/runs/runLock.ts'))}).lockRunFolder(${JSON.stringify(runDir)}); console.log('locked'); setTimeout(() => {}, 60000);`], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => holder.kill('SIGKILL'));
  await once(holder.stdout!, 'data');
  const recorded = JSON.parse(readFileSync(join(runDir, LOCK_FILE), 'utf8'));
  assert.deepEqual({ startTime: recorded.startTime, command: recorded.command }, processIdentity(holder.pid!), 'the lock records the holder\'s start time and command line');
  assert.throws(
    () => lockRunFolder(runDir),
    (error: Error) => {
      assertCleanMessage(error.message, `is being written by another run (process ${holder.pid}, since `, 'command "', `delete ${join(runDir, LOCK_FILE)}`, '--force-unlock');
      return true;
    },
  );
});

test('a lock without the identity (version 0.1) naming a live process blocks, and lth run --force-unlock takes the folder over', async (t) => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir);
  const out = join(dir, 'runs');
  const first = await lthInProcess(['run', configPath, '--out', out, '--events', 'json']);
  const started = first.events.find((event) => event.type === 'run-started');
  assert.ok(started?.type === 'run-started');
  const runDir = started.runDir;
  const trials = readFileSync(join(runDir, TRIALS_FILE));
  // Left as a cancelled run with a 0.1-style lock on it, naming a live (unrelated) process.
  const manifestPath = join(runDir, 'manifest.json');
  writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('"status": "completed"', '"status": "cancelled"'));
  const pid = await strayProcess(t);
  writeFileSync(join(runDir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));

  const refused = await lthInProcess(['run', configPath, '--out', out]);
  assert.equal(refused.code, 1);
  assertCleanMessage(refused.stderr, `is being written by another run (process ${pid}, since 2026-01-01T00:00:00.000Z)`, `delete ${join(runDir, LOCK_FILE)}`, '--force-unlock');
  assert.deepEqual(readFileSync(join(runDir, TRIALS_FILE)), trials, 'nothing ran');

  const forced = await lthInProcess(['run', configPath, '--out', out, '--force-unlock']);
  assert.equal(forced.code, 0, forced.stderr);
  assertCleanMessage(forced.stderr, `warn: --force-unlock: took ${runDir} over from process ${pid}, since 2026-01-01T00:00:00.000Z`, `Completed 8/8 trials. Results: ${runDir}`);
  assert.deepEqual(readFileSync(join(runDir, TRIALS_FILE)), trials, 'the trials were all on disk: nothing recomputed');
  assert.equal(existsSync(join(runDir, LOCK_FILE)), false, 'released at the end');
});
