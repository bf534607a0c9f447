// Reading finished or running run folders, alone or as the union of the shards of one sweep.
// Only the trials of the run's own sweep are read: a line that is not a record, or a record of
// another sweep (another grid, another seed), is skipped with its line number, so that it is
// neither counted ("301 of 300") nor charted, and the rest of the folder stays readable.
import { trialKey, type TrialRecord } from '../../shared/trialRecord';
import { readManifest } from './manifestFile';
import type { RunManifest } from '../../shared/runManifest';
import { axisNames } from '../families/experimentFamily';
import { findFamily } from '../families/registry';
import { outsideSweep } from '../sweep/sweepMembership';
import type { Shard } from '../sweep/trialJobs';
import { describeRejectedLine, readTrialLog, type RecordCheck, type RejectedLine } from './trialLog';

export interface RunFolderContents {
  runDir: string;
  manifest: RunManifest;
  records: TrialRecord[];
  /** Lines skipped: not records, or not trials of the run's sweep. */
  rejected: RejectedLine[];
  /** Incomplete last lines ignored (a crash mid-write): 0 or 1. */
  tornLines: number;
}

export function readRunFolder(runDir: string): RunFolderContents {
  const manifest = readManifest(runDir);
  const { records, rejected, tornLines } = readTrialLog(runDir, 0, sweepCheck(manifest));
  return { runDir, manifest, records, rejected, tornLines };
}

/**
 * The check that a record is a trial of the manifest's sweep (and of `shard`, when given: a run
 * counts only its shard's trials; readers merge shards, so they do not ask); none for a kind
 * this version does not know.
 */
export function sweepCheck(manifest: RunManifest, shard?: Shard): RecordCheck | undefined {
  const family = findFamily(manifest.kind);
  if (family === undefined) return undefined;
  const experiment = manifest.resolved;
  const phased = family.phasedSweep?.(experiment);
  const sweep = { axes: axisNames(family), experiment, parts: family.trialParts?.(experiment) ?? 1, shard, ...(phased ? { phased } : {}) };
  return (record) => {
    const reason = outsideSweep(sweep, record);
    return reason === undefined ? undefined : `not a trial of this run: ${reason}`;
  };
}

/** One warning line per skipped line of every folder, each naming the file and line. */
export function rejectedLineWarnings(runs: readonly RunFolderContents[]): string[] {
  return runs.flatMap((run) => run.rejected.map((line) => `${describeRejectedLine(run.runDir, line)}; skipped (lth repair ${run.runDir} moves it aside)`));
}

export interface MergedRuns {
  runs: RunFolderContents[];
  /** The union by (cell, trial) over all folders, in folder order; the first copy wins. */
  records: TrialRecord[];
  /** Records dropped because an earlier folder already had their (cell, trial). */
  duplicates: number;
  tornLines: number;
}

/**
 * Merges the folders of one sweep (its shards, or repeated runs of it). Folders run from
 * different configs hold different trials under the same keys, so mixing them is refused.
 */
export function mergeRunFolders(runDirs: readonly string[]): MergedRuns {
  if (runDirs.length === 0) throw new Error('mergeRunFolders: no run folder given, expected at least one');
  const runs = runDirs.map(readRunFolder);
  const reference = runs[0];
  for (const run of runs.slice(1)) {
    if (run.manifest.configHash !== reference.manifest.configHash) {
      throw new Error(
        `cannot merge ${run.runDir} with ${reference.runDir}: they were run with different configs ` +
          `(configHash ${run.manifest.configHash.slice(0, 12)}… vs ${reference.manifest.configHash.slice(0, 12)}…)`,
      );
    }
  }
  const { records, duplicates } = newTrials(runs, new Set());
  const tornLines = runs.reduce((sum, run) => sum + run.tornLines, 0);
  return { runs, records, duplicates, tornLines };
}

/**
 * The records of `runs` whose (cell, trial) is not in `seen` yet, each once in folder order (the
 * first folder's copy wins), and how many were dropped; `seen` gains their keys.
 */
export function newTrials(runs: ReadonlyArray<{ records: readonly TrialRecord[] }>, seen: Set<string>): { records: TrialRecord[]; duplicates: number } {
  const records: TrialRecord[] = [];
  let duplicates = 0;
  for (const run of runs) {
    for (const record of run.records) {
      const key = trialKey(record);
      if (seen.has(key)) duplicates++;
      else {
        seen.add(key);
        records.push(record);
      }
    }
  }
  return { records, duplicates };
}
