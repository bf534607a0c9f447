// The run folders under a root: for the extension (CodeLens "last run", run pickers), resuming
// runs and the CLI (an experiment folder standing for its newest run).
import { readdirSync, readFileSync } from 'node:fs';
import { FileSystemError } from './fileSystemError';
import { join } from 'node:path';
import { readManifest } from './manifestFile';
import { experimentRunsFolder, isRunFolder, TRIALS_FILE } from './runFolder';
import type { RunManifest } from '../../shared/runManifest';
import { errorMessage } from '../../shared/errorMessage';
import { runIdOf } from './runId';

/** A run folder and its manifest (its records unread). */
export interface RunHeader {
  /** "<experiment>/<folder>": unique under the root, stable across reloads. */
  runId: string;
  runDir: string;
  manifest: RunManifest;
}

export interface RunListing extends RunHeader {
  /** Complete lines in trials.jsonl. */
  completedTrials: number;
}

/**
 * Run folders under `root` (of one experiment, or all), newest first. A missing root lists
 * nothing. Folders with an unreadable manifest or trial log are skipped and reported to
 * `onProblem`, so one damaged folder does not hide the others. An experiment name that is not a
 * folder name throws (see experimentRunsFolder): nothing outside the root is ever read.
 */
export function listRuns(root: string, experiment?: string, onProblem: (message: string) => void = () => {}): RunListing[] {
  const experimentFolders = experiment === undefined ? subfolders(root).map((name) => join(root, name)) : [experimentRunsFolder(root, experiment)];
  const headers = newestFirst(experimentFolders.flatMap((experimentFolder) => runHeadersIn(experimentFolder, onProblem)));
  return headers.flatMap((header) => {
    try {
      return [{ ...header, completedTrials: completedTrialLines(header.runDir) }];
    } catch (error) {
      onProblem(errorMessage(error));
      return [];
    }
  });
}

/**
 * The newest run in `experimentFolder` (one experiment's folder of runs), by start time, read
 * from the manifests alone; undefined when it holds none.
 */
export function newestRunIn(experimentFolder: string, onProblem: (message: string) => void = () => {}): RunHeader | undefined {
  return runsNewestFirst(experimentFolder, onProblem)[0];
}

/** The runs in `experimentFolder`, newest first, read from the manifests alone. */
export function runsNewestFirst(experimentFolder: string, onProblem: (message: string) => void = () => {}): RunHeader[] {
  return newestFirst(runHeadersIn(experimentFolder, onProblem));
}

function runHeadersIn(experimentFolder: string, onProblem: (message: string) => void): RunHeader[] {
  const runs: RunHeader[] = [];
  for (const folder of subfolders(experimentFolder)) {
    const runDir = join(experimentFolder, folder);
    if (!isRunFolder(runDir)) continue;
    try {
      runs.push({ runId: runIdOf(runDir), runDir, manifest: readManifest(runDir) });
    } catch (error) {
      onProblem(errorMessage(error));
    }
  }
  return runs;
}

function newestFirst<Run extends RunHeader>(runs: Run[]): Run[] {
  // Ties (same startedAt to the millisecond) fall back to the folder name, also a timestamp.
  return runs.sort((left, right) => right.manifest.startedAt.localeCompare(left.manifest.startedAt) || right.runId.localeCompare(left.runId));
}

/** The folders in `dir`, by name; none when it is missing or a file. */
export function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    // Missing, or a file: it holds no runs.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new FileSystemError('read the folder', dir, error);
  }
}

/** Complete, non-blank lines of a run's trials.jsonl (0 when it has none yet). */
export function completedTrialLines(runDir: string): number {
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
