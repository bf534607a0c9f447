// One writer per run folder: while a run appends to a folder, `run.lock` names its process.
// A second run resuming the same folder meanwhile (a second `lth run --resume`, or the CLI and
// the extension at once) would compute and append the same trials twice; it is refused with the
// holder's pid instead. A lock left behind by a killed process (kill -9, a crash) is stale: its
// pid no longer runs on this host, and the next run takes the folder over. (Two runs taking
// over the same stale lock in the same instant could both succeed: best effort there.)
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'run.lock';

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface RunLock {
  /** Removes the lock (if it is still this process's). */
  release(): void;
}

/** Takes the folder's lock, or throws a message naming the process that holds it. */
export function lockRunFolder(runDir: string): RunLock {
  const path = join(runDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, me)) return { release: () => releaseIfMine(path, me) };
    const holder = readHolder(path);
    if (holder === undefined) {
      unlinkQuietly(path); // released meanwhile, or not a lock: take it on the next try
      continue;
    }
    if (holder.host !== me.host) {
      throw new Error(`${runDir} is being written by process ${holder.pid} on ${holder.host} (since ${holder.since}); if that run is gone, delete ${path}`);
    }
    if (isRunning(holder.pid)) {
      throw new Error(
        `${runDir} is being written by another run (process ${holder.pid}, since ${holder.since}): wait for it to end or cancel it ` +
          `(if no such run is going on, delete ${path})`,
      );
    }
    unlinkQuietly(path); // stale: its process is gone
  }
  throw new Error(`cannot lock ${runDir}: ${path} keeps reappearing (another run is starting on it)`);
}

/** Creates the lock with its contents in one step (link of a written temp file): never seen half-written. */
function tryCreate(path: string, holder: LockHolder): boolean {
  const temporary = `${path}.${holder.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(temporary);
  }
}

/** The holder, or undefined when the lock is gone (released meanwhile) or not a lock this code wrote. */
function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (Number.isInteger(holder.pid) && typeof holder.host === 'string') return { pid: holder.pid!, host: holder.host, since: String(holder.since) };
  } catch {
    // gone, or edited by hand into something else: treated as free
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function releaseIfMine(path: string, me: LockHolder): void {
  const holder = readHolder(path);
  if (holder?.pid === me.pid && holder.since === me.since) unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
