// trials.jsonl: the append-only log of a run's finished trials, one whole TrialRecord per line.
// A record is written and fsync'ed before anyone is told about it, so whatever was reported
// survives a crash. The only damage a crash can do is a torn last line (no trailing newline):
// readers ignore it, and the writer cuts it off before appending after it. A complete line that
// is not a record (a disk error, a hand edit, a record of another run pasted in) is skipped
// with its line number, never fatal: one bad line must not put the other trials out of reach.
// `lth repair` moves such lines aside (moveLinesAside).
import { closeSync, fstatSync, fsync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { checkTrialRecord } from '../../shared/protocolGuards';
import type { TrialRecord } from '../../shared/trialRecord';
import { TRIALS_FILE } from './runFolder';
import { writeFileAtomic, writeSynced } from './atomicWrite';
import { errorMessage } from '../../shared/errorMessage';
import { FileSystemError } from './fileSystemError';

const NEWLINE = 0x0a;
/** Least time between the starts of two fsyncs of one log (see TrialLogWriter). */
const SYNC_INTERVAL_MS = 50;
/** Where `lth repair` moves the lines it takes out of trials.jsonl (appended, never overwritten). */
export const REJECTED_TRIALS_FILE = 'trials.rejected.jsonl';

/** A complete line of the log that is not a usable record: where, why, and the line itself. */
export interface RejectedLine {
  /** 1-based, counted from the start of the file. */
  line: number;
  /** What is wrong, e.g. "not valid JSON (...)" or "record.seed: expected an integer, got ...". */
  problem: string;
  text: string;
}

/** A check beyond the record schema (e.g. that the record is a trial of the run's sweep): why not, or undefined. */
export type RecordCheck = (record: TrialRecord) => string | undefined;

export interface TrialLogContents {
  records: TrialRecord[];
  /** Complete lines skipped because they are not records (or fail the reader's check), in file order. */
  rejected: RejectedLine[];
  /** 1 when the file ended in an incomplete line (a crash mid-write), which was ignored. */
  tornLines: number;
  /** Byte offset just past the last complete line: pass it back to read only what was appended since. */
  nextByte: number;
}

/**
 * Reads the complete lines of `runDir`/trials.jsonl from byte `fromByte` on (0: the whole file).
 * A missing file is an empty log. A line is a record when it parses and matches the record
 * schema (the one the protocol guards check, so that whatever is read can be sent to the panel)
 * and passes `check`; other lines are returned as rejected, with their line numbers.
 */
export function readTrialLog(runDir: string, fromByte = 0, check?: RecordCheck): TrialLogContents {
  const path = join(runDir, TRIALS_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], rejected: [], tornLines: 0, nextByte: 0 };
    throw new FileSystemError('read', path, error);
  }
  const end = bytes.lastIndexOf(NEWLINE) + 1;
  const tornLines = end < bytes.length ? 1 : 0;
  const records: TrialRecord[] = [];
  const rejected: RejectedLine[] = [];
  if (fromByte >= end) return { records, rejected, tornLines, nextByte: Math.max(end, fromByte) };
  // Line numbers in messages count from the start of the file.
  let lineNumber = fromByte === 0 ? 0 : countNewlines(bytes, fromByte);
  for (const text of bytes.subarray(fromByte, end - 1).toString('utf8').split('\n')) {
    lineNumber++;
    if (text.trim() === '') continue;
    const parsed = parseRecord(text);
    const problem = typeof parsed === 'string' ? parsed : check?.(parsed);
    if (problem === undefined) records.push(parsed as TrialRecord);
    else rejected.push({ line: lineNumber, problem, text });
  }
  return { records, rejected, tornLines, nextByte: end };
}

function countNewlines(bytes: Buffer, before: number): number {
  let count = 0;
  for (let index = 0; index < before; index++) if (bytes[index] === NEWLINE) count++;
  return count;
}

/** The record on a line, or what is wrong with the line. */
function parseRecord(line: string): TrialRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${errorMessage(error)})`;
  }
  const checked = checkTrialRecord(value);
  return checked.ok ? checked.value : checked.problem;
}

/** "/runs/x/trials.jsonl:17: not valid JSON (...)": a rejected line as a warning names it. */
export function describeRejectedLine(runDir: string, rejected: RejectedLine): string {
  return `${join(runDir, TRIALS_FILE)}:${rejected.line}: ${rejected.problem}`;
}

/**
 * Moves the given lines (by line number) out of trials.jsonl into trials.rejected.jsonl, with a
 * torn last line too when `dropTornTail` is set. Nothing is lost at any moment: the lines are
 * appended to the rejected file and synced first, then trials.jsonl is replaced atomically by a
 * synced copy without them (rename). The caller must hold the folder's lock.
 */
export function moveLinesAside(runDir: string, lineNumbers: ReadonlySet<number>, dropTornTail: boolean): void {
  const path = join(runDir, TRIALS_FILE);
  const bytes = readFileSync(path);
  const end = bytes.lastIndexOf(NEWLINE) + 1;
  const lines = bytes.subarray(0, end).toString('utf8').split('\n').slice(0, -1);
  const moved = lines.filter((_, index) => lineNumbers.has(index + 1));
  const torn = end < bytes.length ? bytes.subarray(end).toString('utf8') : '';
  if (dropTornTail && torn !== '') moved.push(torn);
  if (moved.length === 0) return;
  writeSynced(join(runDir, REJECTED_TRIALS_FILE), moved.map((line) => `${line}\n`).join(''), 'a');
  const kept = lines.filter((_, index) => !lineNumbers.has(index + 1)).map((line) => `${line}\n`).join('') + (dropTornTail ? '' : torn);
  writeFileAtomic(path, kept);
  syncFolder(runDir);
}

/** Makes a rename in `folder` durable (where the platform can sync a folder). */
function syncFolder(folder: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(folder, 'r');
    fsyncSync(descriptor);
  } catch {
    // Windows cannot open a folder for syncing; the rename is still atomic there.
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * Appends records to a run folder's trials.jsonl. Each record is written (one write, one whole
 * line) at once, and append() resolves when it is durable: only then may it be reported.
 *
 * Durability is a group commit: one fsync at a time runs off the main thread and covers every
 * line written before it started; records finished meanwhile wait for the next one, which
 * starts at least SYNC_INTERVAL_MS after the previous one started (or at once on flush()). An
 * fsync per record on the main thread cost ~4.5 ms here and tripled the time of a sweep of tiny
 * trials (200 trials: 1.39 s against 0.50 s without fsync); back to back, fsyncs still took
 * ~0.1 s of CPU per phase-transition sweep from the two cores the workers train on. A record is
 * now reported at most about SYNC_INTERVAL_MS plus two fsyncs after it finished.
 */
export class TrialLogWriter {
  private descriptor: number;
  /** Resolvers of records written but not yet covered by a finished fsync. */
  private waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private syncing = false;
  private lastSyncStarted = -Infinity;
  private scheduledSync?: NodeJS.Timeout;
  /** Set by flush(): from then on every fsync starts as soon as the previous one ends. */
  private flushing = false;

  /**
   * @param durable  fsync before resolving (the default). Without it a record is in the OS page
   *                 cache when reported: it survives a killed process, not a power cut.
   */
  constructor(runDir: string, private readonly durable = true) {
    this.descriptor = openSync(join(runDir, TRIALS_FILE), 'a+');
    dropTornTail(this.descriptor);
  }

  append(record: TrialRecord): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let written = 0;
    while (written < line.length) written += writeSync(this.descriptor, line, written);
    if (!this.durable) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.syncNext();
    });
  }

  /** Syncs without waiting for the interval from now on: the run has nothing more to append. */
  flush(): void {
    this.flushing = true;
    this.syncNext();
  }

  private syncNext(intervalOver = false): void {
    if (this.syncing || this.waiting.length === 0) return;
    const wait = this.lastSyncStarted + SYNC_INTERVAL_MS - performance.now();
    if (!this.flushing && !intervalOver && wait > 0) {
      this.scheduledSync ??= setTimeout(() => {
        this.scheduledSync = undefined;
        this.syncNext(true);
      }, wait);
      return;
    }
    clearTimeout(this.scheduledSync);
    this.scheduledSync = undefined;
    this.syncing = true;
    this.lastSyncStarted = performance.now();
    const batch = this.waiting.splice(0);
    fsync(this.descriptor, (error) => {
      this.syncing = false;
      for (const waiter of batch) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      this.syncNext();
    });
  }

  /** Closes the file; call it after every append() has settled. */
  close(): void {
    if (this.descriptor < 0) return;
    if (this.syncing || this.waiting.length > 0) throw new Error('TrialLogWriter.close: records are still being synced');
    closeSync(this.descriptor);
    this.descriptor = -1;
  }
}

/** Truncates an incomplete last line, so that the next record starts on a line of its own. */
function dropTornTail(descriptor: number): void {
  const size = fstatSync(descriptor).size;
  if (size === 0) return;
  // Scan backwards in blocks for the last newline; a torn tail is at most one record long.
  const block = Buffer.alloc(64 * 1024);
  let blockEnd = size;
  while (blockEnd > 0) {
    const blockStart = Math.max(0, blockEnd - block.length);
    const length = readSync(descriptor, block, 0, blockEnd - blockStart, blockStart);
    const newline = block.subarray(0, length).lastIndexOf(NEWLINE);
    if (newline >= 0) {
      const keep = blockStart + newline + 1;
      if (keep < size) ftruncateSync(descriptor, keep);
      return;
    }
    blockEnd = blockStart;
  }
  ftruncateSync(descriptor, 0);
}
