// One writer per run folder: while a run appends to a folder, `run.lock` names its process.
// A second run resuming the same folder meanwhile (a second `lth run --resume`, or the CLI and
// the extension at once) would compute and append the same trials twice; it is refused with the
// holder's pid instead. A lock left behind by a killed process (kill -9, a crash) is stale, and
// the next run takes the folder over. (Two runs taking over the same stale lock in the same
// instant could both succeed: best effort there.)
//
// "Its process still runs" cannot be a pid check alone: after a kill -9 the pid is soon reused
// by an unrelated process (a shell, a sleep, even pid 1 in a container), which would block the
// folder forever. So the lock also records the process's start time and command line, and on
// Linux the holder counts as running only while /proc shows that same process under its pid.
// Elsewhere, and for locks written without them (by version 0.1), the pid check is all there
// is; `force` (lth run --force-unlock) takes a folder over regardless.
//
// A process on another host cannot be checked at all, except through Slurm: a run inside a Slurm
// job records the job, and a lock from another host whose job Slurm says has ended (cancelled,
// timed out, its node lost) is stale too — so a re-submitted array task takes over the folder
// its earlier task left locked on another node.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { currentSlurmJob, slurmJobState } from '../cluster/slurmJobState';
import { temporaryPathOf } from './atomicWrite';
import { FileSystemError } from './fileSystemError';

export const LOCK_FILE = 'run.lock';
/** Longest command line quoted in a message (a trainer's carries its whole launch as JSON). */
const MAX_QUOTED_COMMAND = 120;

interface LockHolder {
  pid: number;
  host: string;
  since: string;
  /** Start time of the process in clock ticks after boot (/proc/<pid>/stat field 22); Linux only. */
  startTime?: string;
  /** Its command line (/proc/<pid>/cmdline, arguments joined by spaces); Linux only. */
  command?: string;
  /** The Slurm job it runs in ("123_4" for an array task); only inside Slurm. */
  slurmJob?: string;
}

export interface RunLock {
  /** Removes the lock (if it is still this process's). */
  release(): void;
  /**
   * Set when the folder was taken from a holder that could not be seen to have ended by a process
   * check: forced, or its Slurm job has ended. A sentence for a warning: from whom, and why.
   */
  takeOverNote?: string;
}

/**
 * Takes the folder's lock, or throws a message naming the process that holds it and how to
 * take the folder over if that run is gone. With `force`, any holder's lock is taken over.
 */
export function lockRunFolder(runDir: string, force = false): RunLock {
  const path = join(runDir, LOCK_FILE);
  const slurmJob = currentSlurmJob();
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), ...processIdentity(process.pid), ...(slurmJob ? { slurmJob } : {}) };
  let takeOverNote: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, me)) return { release: () => releaseIfMine(path, me), ...(takeOverNote ? { takeOverNote } : {}) };
    const holder = readHolder(path);
    if (holder !== undefined && force) takeOverNote = `--force-unlock: took ${runDir} over from ${describeHolder(holder)}`;
    else if (holder !== undefined && holder.host !== me.host) takeOverNote = takeOverFromOtherHost(runDir, path, holder);
    else if (holder !== undefined && isSameProcessRunning(holder)) {
      throw new Error(`${runDir} is being written by another run (${describeHolder(holder)}): wait for it to end or cancel it; ${overrideAdvice(path)}`);
    }
    unlinkQuietly(path); // stale, released meanwhile, not a lock, or forced: take it on the next try
  }
  throw new Error(`cannot lock ${runDir}: ${path} keeps reappearing (another run is starting on it)`);
}

function overrideAdvice(lockPath: string): string {
  return `if that run is gone, delete ${lockPath} (or run lth run with --force-unlock)`;
}

/**
 * A holder on another host: its process cannot be checked, its Slurm job (if any) can. Returns the
 * note for taking over when Slurm says the job has ended; throws, saying what is known, otherwise.
 */
function takeOverFromOtherHost(runDir: string, lockPath: string, holder: LockHolder): string {
  const job = holder.slurmJob === undefined ? undefined : slurmJobState(holder.slurmJob);
  if (job?.ended) return `took ${runDir} over from ${describeHolder(holder)}: its Slurm job ${holder.slurmJob} has ended (${job.state})`;
  const known = job === undefined ? '' : `; Slurm job ${holder.slurmJob}: ${job.state ?? job.unknown}`;
  throw new Error(`${runDir} is being written by process ${holder.pid} on ${holder.host} (since ${holder.since}${known}); ${overrideAdvice(lockPath)}`);
}

/** "process 12, since <time>, command "node lth run ..."" (the command when the lock has it). */
function describeHolder(holder: LockHolder): string {
  const command = holder.command === undefined ? '' : `, command "${quoted(holder.command)}"`;
  return `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, since ${holder.since}${command}`;
}

function quoted(command: string): string {
  return command.length <= MAX_QUOTED_COMMAND ? command : `${command.slice(0, MAX_QUOTED_COMMAND - 1)}…`;
}

/** Creates the lock with its contents in one step (link of a written temp file): never seen half-written. */
function tryCreate(path: string, holder: LockHolder): boolean {
  const temporary = temporaryPathOf(path);
  try {
    writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FileSystemError('create the lock', path, error);
  } finally {
    removeTemporary(temporary); // also after a failed write (a full disk): no temp file is left
  }
}

/** The holder, or undefined when the lock is gone (released meanwhile) or not a lock this code wrote. */
function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (Number.isInteger(holder.pid) && typeof holder.host === 'string') {
      return {
        pid: holder.pid!,
        host: holder.host,
        since: String(holder.since),
        ...(typeof holder.startTime === 'string' ? { startTime: holder.startTime } : {}),
        ...(typeof holder.command === 'string' ? { command: holder.command } : {}),
        ...(typeof holder.slurmJob === 'string' ? { slurmJob: holder.slurmJob } : {}),
      };
    }
  } catch {
    // gone, or edited by hand into something else: treated as free
  }
  return undefined;
}

/** True while the process that wrote the lock (on this host) runs: see the file's comment. */
function isSameProcessRunning(holder: LockHolder): boolean {
  if (!isProcessRunning(holder.pid)) return false;
  const running = processIdentity(holder.pid);
  if (running.startTime === undefined || holder.startTime === undefined) return true; // no /proc, or a 0.1 lock: the pid is all we know
  return running.startTime === holder.startTime && running.command === holder.command;
}

export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** The start time and command line of `pid` from /proc (Linux); empty where there is no /proc or the process is gone. */
export function processIdentity(pid: number): Pick<LockHolder, 'startTime' | 'command'> {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: fields count from
    // after its last ")", which is field 3 (state); the start time is field 22.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '').replaceAll('\0', ' ');
    return startTime === undefined ? {} : { startTime, command };
  } catch {
    return {};
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
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileSystemError('remove', path, error);
  }
}

/** Best effort: failing to remove the temp file must not hide why creating the lock failed. */
function removeTemporary(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created, or the folder refuses: the error being thrown (if any) says why
  }
}
