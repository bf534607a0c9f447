// The run folders under a root, for the extension (CodeLens "last run", run pickers).
import { readdirSync, readFileSync } from 'node:fs';
import { FileSystemError } from './fileSystemError';
import { join } from 'node:path';
import { readManifest } from './manifestFile';
import { experimentRunsFolder, isRunFolder, TRIALS_FILE } from './runFolder';
import type { RunManifest } from '../../shared/runManifest';
import { errorMessage } from '../../shared/errorMessage';
import { runIdOf } from './runId';

export interface RunListing {
  /** "<experiment>/<folder>": unique under the root, stable across reloads. */
  runId: string;
  runDir: string;
  manifest: RunManifest;
  /** Complete lines in trials.jsonl. */
  completedTrials: number;
}

/**
 * Run folders under `root` (of one experiment, or all), newest first. A missing root lists
 * nothing. Folders with an unreadable manifest are skipped and reported to `onProblem`,
 * so one damaged folder does not hide the others. An experiment name that is not a folder
 * name throws (see experimentRunsFolder): nothing outside the root is ever read.
 */
export function listRuns(root: string, experiment?: string, onProblem: (message: string) => void = () => {}): RunListing[] {
  const experimentFolders = experiment === undefined ? subfolders(root).map((name) => join(root, name)) : [experimentRunsFolder(root, experiment)];
  const runs: RunListing[] = [];
  for (const experimentFolder of experimentFolders) {
    for (const folder of subfolders(experimentFolder)) {
      const runDir = join(experimentFolder, folder);
      if (!isRunFolder(runDir)) continue;
      try {
        runs.push({ runId: runIdOf(runDir), runDir, manifest: readManifest(runDir), completedTrials: countCompleteLines(runDir) });
      } catch (error) {
        onProblem(errorMessage(error));
      }
    }
  }
  // Ties (same startedAt to the millisecond) fall back to the folder name, also a timestamp.
  return runs.sort((left, right) => right.manifest.startedAt.localeCompare(left.manifest.startedAt) || right.runId.localeCompare(left.runId));
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function countCompleteLines(runDir: string): number {
  const path = join(runDir, TRIALS_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new FileSystemError('read', path, error);
  }
  let count = 0;
  let previous = 0x0a;
  for (const byte of bytes) {
    // A line counts when it ends in a newline and is not blank.
    if (byte === 0x0a && previous !== 0x0a) count++;
    previous = byte;
  }
  return count;
}
