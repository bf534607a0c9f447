// The run folders under a root, for the extension (CodeLens "last run", run pickers).
import { readdirSync, readFileSync } from 'node:fs';
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
  return newestFirst(experimentFolders.flatMap((experimentFolder) => runsIn(experimentFolder, onProblem)));
}

/**
 * The newest run folder in `experimentFolder` (one experiment's folder of runs), by start time;
 * undefined when it holds none.
 */
export function newestRunIn(experimentFolder: string, onProblem: (message: string) => void = () => {}): RunListing | undefined {
  return newestFirst(runsIn(experimentFolder, onProblem))[0];
}

function runsIn(experimentFolder: string, onProblem: (message: string) => void): RunListing[] {
  const runs: RunListing[] = [];
  for (const folder of subfolders(experimentFolder)) {
    const runDir = join(experimentFolder, folder);
    if (!isRunFolder(runDir)) continue;
    try {
      runs.push({ runId: runIdOf(runDir), runDir, manifest: readManifest(runDir), completedTrials: countCompleteLines(runDir) });
    } catch (error) {
      onProblem(errorMessage(error));
    }
  }
  return runs;
}

function newestFirst(runs: RunListing[]): RunListing[] {
  // Ties (same startedAt to the millisecond) fall back to the folder name, also a timestamp.
  return runs.sort((left, right) => right.manifest.startedAt.localeCompare(left.manifest.startedAt) || right.runId.localeCompare(left.runId));
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    // Missing, or a file: it holds no runs.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

function countCompleteLines(runDir: string): number {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(runDir, TRIALS_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
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
