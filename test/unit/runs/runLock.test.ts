import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockRunFolder } from '../../../src/core/runs/runLock';

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
