// `lth merge`: the run folders of a sweep's shards, unioned into one run folder that every reader
// (summarize, report, the panel, `lth run --resume`) takes as a whole-sweep run. Nothing is ever
// lost: the target's lines are kept as they are and only records it lacks are added (so merging
// again adds nothing twice), each file is replaced atomically, and the target is locked while it
// changes. What the sweep still lacks is reported per shard, so a failed shard is named.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { trialKey, type TrialRecord } from '../../shared/trialRecord';
import type { RunManifest, RunStatus } from '../../shared/runManifest';
import { errorMessage } from '../../shared/errorMessage';
import { axisNames } from '../families/experimentFamily';
import { familyOf } from '../families/registry';
import { shardOf, trialJobs, type Shard } from '../sweep/trialJobs';
import { writeFileAtomic } from './atomicWrite';
import { FileSystemError } from './fileSystemError';
import { writeManifest } from './manifestFile';
import { isRunFolder, TRIALS_FILE } from './runFolder';
import { lockRunFolder } from './runLock';
import { newTrials, readRunFolder, rejectedLineWarnings, type RunFolderContents } from './runReader';
import { findRunFolders } from './shardFolders';

/** A merge that cannot be done as asked (mixed configs, a damaged folder, a wrong target): nothing was written. */
export class MergeError extends Error {
  override name = 'MergeError';

  /** `locked`: another merge (or a run) holds the target's lock; trying again shortly may succeed. */
  constructor(message: string, readonly locked = false) {
    super(message);
  }
}

/** Where the sweep still lacks trials, by the shard they belong to. */
export interface ShardGap {
  shard: Shard;
  missingTrials: number;
  /** How the shard's newest run folder ended, or "not started" when no folder of it was given. */
  status: RunStatus | 'not started';
}

export interface MergeReport {
  targetDir: string;
  /** The run folders read, in the order their records were taken. */
  sourceRunDirs: string[];
  /** Inputs that held no run folder (a shard whose task never started). */
  emptyInputs: string[];
  /** Records the target held before this merge. */
  recordsBefore: number;
  /** Records this merge appended. */
  recordsAdded: number;
  /** Those records, in the order they were appended (for a live view of the merged run). */
  addedRecords: TrialRecord[];
  /** Records also present in an earlier source or in the target, taken once. */
  duplicates: number;
  /** Lines of the sources skipped as not trials of the sweep, each named. */
  warnings: string[];
  /** Trials of the whole sweep, and how many of them the target still lacks. */
  totalTrials: number;
  missingTrials: number;
  /** Cells with no trial at all in the target (at most MAX_LISTED_CELLS keys) and their count. */
  emptyCells: string[];
  emptyCellCount: number;
  /** Per shard with missing trials; empty when the sweep was not sharded or nothing is missing. */
  gaps: ShardGap[];
  status: 'completed' | 'cancelled';
}

const MAX_LISTED_CELLS = 10;
/** Parsed records take about this many times their JSON text (numbers, keys and objects in the heap). */
const PARSED_BYTES_PER_TEXT_BYTE = 3;
/** A merge may hold at most this share of the machine's memory. */
const MAX_MEMORY_SHARE = 0.5;

/** A merged folder's manifest: which folders its records came from (extra manifest fields are allowed). */
type MergedManifest = RunManifest & { mergedFrom?: string[] };

/**
 * Merges the run folders found in `inputs` (run folders, or roots of run folders such as a
 * shard's --out) into the run folder `targetDir`, creating it or adding to it. Throws MergeError,
 * before anything is written, when the folders were run from different configs, when one cannot
 * be read, or when the target is another sweep's folder, a shard's, or not a run folder.
 */
export function mergeShards(inputs: readonly string[], targetDir: string, memoryBytes = totalmem()): MergeReport {
  if (inputs.length === 0) throw new MergeError('no shard folder given; expected at least one');
  const emptyInputs = inputs.filter((input) => findRunFolders(input).length === 0);
  const sources = inputs.flatMap(findRunFolders).filter((runDir) => !samePath(runDir, targetDir));
  if (sources.length === 0) throw new MergeError(`no run folder in ${inputs.join(', ')}: expected run folders (with manifest.json) or folders of them`);
  checkMemory([...sources, targetDir], memoryBytes);
  const runs = sources.map(readSource);
  const reference = runs[0].manifest;
  checkOneConfig(runs);
  const existing = openTarget(targetDir, reference);

  const lock = lockTarget(targetDir);
  try {
    const before = existing ? readRunFolder(targetDir) : undefined;
    const { records: added, duplicates } = newTrials(runs, new Set((before?.records ?? []).map(trialKey)));
    const union = [...(before?.records ?? []), ...added];
    const { totalTrials, missingTrials, emptyCells, emptyCellCount, missingByShard } = missingOf(reference, union, shardCountOf(runs));
    const status = missingTrials === 0 ? 'completed' : 'cancelled';
    const manifest = mergedManifest(reference, before?.manifest as MergedManifest | undefined, runs, totalTrials, status);
    if (!before) writeManifest(targetDir, { ...manifest, status: 'running' });
    if (added.length > 0) appendRecords(targetDir, added);
    if (added.length > 0 || before?.manifest.status !== status || !sameSources(before.manifest as MergedManifest, manifest)) writeManifest(targetDir, manifest);
    return {
      targetDir,
      sourceRunDirs: sources,
      emptyInputs,
      recordsBefore: before?.records.length ?? 0,
      recordsAdded: added.length,
      addedRecords: added,
      duplicates,
      warnings: rejectedLineWarnings(runs),
      totalTrials,
      missingTrials,
      emptyCells,
      emptyCellCount,
      gaps: gapsOf(missingByShard, runs),
      status,
    };
  } finally {
    lock.release();
  }
}

/** The union is held in memory: refused before anything is read when it would take too much of it. */
function checkMemory(runDirs: readonly string[], memoryBytes: number): void {
  const textBytes = runDirs.reduce((sum, runDir) => sum + fileSize(join(runDir, TRIALS_FILE)), 0);
  const estimate = textBytes * PARSED_BYTES_PER_TEXT_BYTE;
  if (estimate > memoryBytes * MAX_MEMORY_SHARE) {
    const mebibytes = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MiB`;
    throw new MergeError(
      `merging these folders would hold about ${mebibytes(estimate)} of records (${mebibytes(textBytes)} of ${TRIALS_FILE}) in memory, ` +
        `more than half of this machine's ${mebibytes(memoryBytes)}; merge fewer folders at a time, or on a machine with more memory`,
    );
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // no trials yet (or no folder): nothing to hold
  }
}

function samePath(left: string, right: string): boolean {
  return join(left) === join(right);
}

function readSource(runDir: string): RunFolderContents {
  try {
    return readRunFolder(runDir);
  } catch (error) {
    throw new MergeError(`cannot read ${runDir}: ${errorMessage(error)}; nothing was merged (repair the folder, or leave it out)`);
  }
}

/** Folders of different configs hold different trials under the same keys: refused, naming each config's folders. */
function checkOneConfig(runs: readonly RunFolderContents[]): void {
  const byHash = new Map<string, string[]>();
  for (const run of runs) byHash.set(run.manifest.configHash, [...(byHash.get(run.manifest.configHash) ?? []), run.runDir]);
  if (byHash.size === 1) return;
  const groups = [...byHash].map(([hash, dirs]) => `configHash ${hash.slice(0, 12)}…: ${dirs.join(', ')}`);
  throw new MergeError(`cannot merge folders run from different configs (${byHash.size} configs):\n  ${groups.join('\n  ')}\nmerge the folders of one config at a time`);
}

/** Whether the target already is a merged folder (true), is new (false); throws when it cannot take these records. */
function openTarget(targetDir: string, reference: RunManifest): boolean {
  if (isRunFolder(targetDir)) {
    let manifest: RunManifest;
    try {
      manifest = readRunFolder(targetDir).manifest;
    } catch (error) {
      throw new MergeError(`cannot merge into ${targetDir}: ${errorMessage(error)}`);
    }
    if (manifest.configHash !== reference.configHash) {
      throw new MergeError(`cannot merge into ${targetDir}: it holds another config's trials (configHash ${manifest.configHash.slice(0, 12)}…, the shards' is ${reference.configHash.slice(0, 12)}…); give --out a new folder`);
    }
    if (manifest.shard) throw new MergeError(`cannot merge into ${targetDir}: it is the folder of shard ${manifest.shard.index}/${manifest.shard.count}; give --out a new folder`);
    return true;
  }
  if (existsSync(targetDir) && listFolder(targetDir).length > 0) {
    throw new MergeError(`cannot merge into ${targetDir}: it is not a run folder and not empty (${TRIALS_FILE} or other files without a manifest.json); give --out a new or empty folder, or an earlier merge's folder`);
  }
  try {
    mkdirSync(targetDir, { recursive: true });
  } catch (error) {
    throw new MergeError(new FileSystemError('create the folder', targetDir, error).message);
  }
  return false;
}

function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    throw new MergeError(new FileSystemError('read the folder', dir, error).message);
  }
}

function lockTarget(targetDir: string) {
  try {
    return lockRunFolder(targetDir);
  } catch (error) {
    throw new MergeError(`cannot merge into ${targetDir}: ${errorMessage(error)}`, true);
  }
}

/** The target's lines stay byte for byte (whatever they are); the new records follow, and the file is replaced atomically. */
function appendRecords(targetDir: string, records: readonly TrialRecord[]): void {
  const path = join(targetDir, TRIALS_FILE);
  let kept = '';
  try {
    const bytes = readFileSync(path);
    // A torn last line was never reported by anyone: its trial is still in the shard it came from.
    kept = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileSystemError('read', path, error);
  }
  writeFileAtomic(path, kept + records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/** The shard count of the sources (the first sharded folder's), or undefined for whole-sweep folders. */
function shardCountOf(runs: readonly RunFolderContents[]): number | undefined {
  return runs.find((run) => run.manifest.shard)?.manifest.shard?.count;
}

/** Which trials of the whole sweep `records` lack: a trial is done with all its parts, or with a failed one. */
function missingOf(manifest: RunManifest, records: readonly TrialRecord[], shardCount: number | undefined) {
  const family = familyOf(manifest.kind);
  const experiment = manifest.resolved;
  const parts = family.trialParts?.(experiment) ?? 1;
  const partsDone = new Map<string, number>();
  for (const record of records) {
    const key = `${record.cell}#${record.trial}`;
    partsDone.set(key, typeof record.failed === 'string' ? parts : (partsDone.get(key) ?? 0) + 1);
  }
  let totalTrials = 0;
  let missingTrials = 0;
  const missingByShard = new Map<number, number>();
  const cellsWithTrials = new Set<string>();
  const allCells = new Set<string>();
  for (const job of trialJobs(axisNames(family), experiment)) {
    totalTrials++;
    allCells.add(job.cellKey);
    if ((partsDone.get(`${job.cellKey}#${job.trial}`) ?? 0) >= parts) {
      cellsWithTrials.add(job.cellKey);
      continue;
    }
    missingTrials++;
    if (shardCount !== undefined) {
      const shard = shardOf(job.cellKey, job.trial, shardCount);
      missingByShard.set(shard, (missingByShard.get(shard) ?? 0) + 1);
    }
  }
  const empty = [...allCells].filter((cell) => !cellsWithTrials.has(cell));
  return { totalTrials, missingTrials, emptyCells: empty.slice(0, MAX_LISTED_CELLS), emptyCellCount: empty.length, missingByShard, shardCount };
}

function gapsOf(missingByShard: ReadonlyMap<number, number>, runs: readonly RunFolderContents[]): ShardGap[] {
  const count = shardCountOf(runs);
  if (count === undefined) return [];
  return [...missingByShard]
    .sort(([left], [right]) => left - right)
    .map(([index, missingTrials]) => {
      const newest = runs.filter((run) => run.manifest.shard?.index === index).sort((left, right) => right.manifest.startedAt.localeCompare(left.manifest.startedAt))[0];
      return { shard: { index, count }, missingTrials, status: newest?.manifest.status ?? 'not started' };
    });
}

/** The whole sweep's manifest: the shards' config, no shard, the earliest start, and the folders merged so far. */
function mergedManifest(reference: RunManifest, previous: MergedManifest | undefined, runs: readonly RunFolderContents[], totalTrials: number, status: RunStatus): MergedManifest {
  const { shard: _shard, resumedAt: _resumedAt, endedAt: _endedAt, ...base } = reference;
  const family = familyOf(reference.kind);
  const parts = family.trialParts?.(reference.resolved) ?? 1;
  const starts = [...runs.map((run) => run.manifest.startedAt), ...(previous ? [previous.startedAt] : [])].sort();
  const mergedFrom = [...new Set([...(previous?.mergedFrom ?? []), ...runs.map((run) => run.runDir)])].sort();
  return { ...base, totalTrials: totalTrials * parts, startedAt: starts[0], endedAt: new Date().toISOString(), status, mergedFrom };
}

function sameSources(previous: MergedManifest, next: MergedManifest): boolean {
  return JSON.stringify(previous.mergedFrom ?? []) === JSON.stringify(next.mergedFrom);
}
