import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockRunFolder } from '../../../src/core/runs/runLock';
import { fakeSqueue } from '../cluster/fakeSqueue';

const folder = () => mkdtempSync(join(tmpdir(), 'lth-lock-'));

/** The pid of a process that has exited (so it no longer runs). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('a folder has one writer: a second lock is refused with the holder, and free again after release', () => {
  const runDir = folder();
  const lock = lockRunFolder(runDir);
  assert.throws(() => lockRunFolder(runDir), new RegExp(`being written by another run \\(process ${process.pid}, since .*\\): wait for it to end or cancel it`));
  lock.release();
  assert.equal(existsSync(join(runDir, LOCK_FILE)), false);
  lockRunFolder(runDir).release();
  assert.deepEqual(readdirSync(runDir), [], 'no lock or temporary file left behind');
});

test('a lock left by a process that is gone (kill -9, crash) is taken over', () => {
  const runDir = folder();
  const pid = deadPid();
  writeFileSync(join(runDir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
  const lock = lockRunFolder(runDir);
  assert.throws(() => lockRunFolder(runDir), new RegExp(`process ${process.pid}`), 'now held by this process');
  lock.release();
});

test('a lock from another host is respected, with how to clear it; a release never removes another holder\'s lock', () => {
  const runDir = folder();
  const path = join(runDir, LOCK_FILE);
  writeFileSync(path, JSON.stringify({ pid: 1, host: 'elsewhere.example', since: 'then' }));
  assert.throws(() => lockRunFolder(runDir), /by process 1 on elsewhere\.example \(since then\); if that run is gone, delete .*run\.lock/);

  writeFileSync(path, 'not a lock');
  const lock = lockRunFolder(runDir); // an unreadable lock is not a holder
  writeFileSync(path, JSON.stringify({ pid: 1, host: 'elsewhere.example', since: 'then' })); // someone else's now
  lock.release();
  assert.equal(existsSync(path), true);
});

/** Runs `body` with `dir` first on the PATH (where a stand-in squeue is), then restores the PATH. */
function withPathFirst<T>(dir: string, body: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:${saved ?? ''}`;
  try {
    return body();
  } finally {
    process.env.PATH = saved;
  }
}

test('a lock from another host whose Slurm job has ended is taken over, with a note naming the job and its state', () => {
  const runDir = folder();
  const path = join(runDir, LOCK_FILE);
  writeFileSync(path, JSON.stringify({ pid: 4242, host: 'node-7', since: 'then', slurmJob: '128_3' }));
  const squeue = fakeSqueue('CANCELLED\n');
  const lock = withPathFirst(squeue.dir, () => lockRunFolder(runDir));
  assert.match(lock.takeOverNote ?? '', /took .* over from process 4242 on node-7, since then: its Slurm job 128_3 has ended \(CANCELLED\)/);
  assert.match(readFileSync(squeue.argumentsFile, 'utf8'), /--jobs=128_3/);
  assert.throws(() => lockRunFolder(runDir), new RegExp(`process ${process.pid}`), 'now held by this process');
  lock.release();
});

test('a lock from another host whose Slurm job still runs, or cannot be asked about, is respected and says what Slurm said', () => {
  const runDir = folder();
  writeFileSync(join(runDir, LOCK_FILE), JSON.stringify({ pid: 4242, host: 'node-7', since: 'then', slurmJob: '128_3' }));
  withPathFirst(fakeSqueue('RUNNING\n').dir, () => assert.throws(() => lockRunFolder(runDir), /by process 4242 on node-7 \(since then; Slurm job 128_3: RUNNING\); if that run is gone/));
  withPathFirst(fakeSqueue('', 'Unable to contact slurm controller', 1).dir, () =>
    assert.throws(() => lockRunFolder(runDir), /Slurm job 128_3: squeue failed: Unable to contact slurm controller\); if that run is gone/),
  );
  assert.match(readFileSync(join(runDir, LOCK_FILE), 'utf8'), /node-7/, 'the lock is left as it was');
});

test('inside a Slurm job, the lock names the job', () => {
  const runDir = folder();
  const saved = { ...process.env };
  Object.assign(process.env, { SLURM_JOB_ID: '131', SLURM_ARRAY_JOB_ID: '128', SLURM_ARRAY_TASK_ID: '3' });
  try {
    const lock = lockRunFolder(runDir);
    assert.equal(JSON.parse(readFileSync(join(runDir, LOCK_FILE), 'utf8')).slurmJob, '128_3');
    lock.release();
  } finally {
    for (const name of ['SLURM_JOB_ID', 'SLURM_ARRAY_JOB_ID', 'SLURM_ARRAY_TASK_ID']) if (saved[name] === undefined) delete process.env[name];
  }
});
