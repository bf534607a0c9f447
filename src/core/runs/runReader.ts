// Reading finished or running run folders, alone or as the union of the shards of one sweep.
import { trialKey, type TrialRecord } from '../../shared/trialRecord';
import { readManifest } from './manifestFile';
import type { RunManifest } from '../../shared/runManifest';
import { readTrialLog } from './trialLog';

export interface RunFolderContents {
  runDir: string;
  manifest: RunManifest;
  records: TrialRecord[];
  /** Incomplete last lines ignored (a crash mid-write): 0 or 1. */
  tornLines: number;
}

export function readRunFolder(runDir: string): RunFolderContents {
  const manifest = readManifest(runDir);
  const { records, tornLines } = readTrialLog(runDir);
  return { runDir, manifest, records, tornLines };
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
  const seen = new Set<string>();
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
  const tornLines = runs.reduce((sum, run) => sum + run.tornLines, 0);
  return { runs, records, duplicates, tornLines };
}
