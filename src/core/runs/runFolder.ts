// Layout of a run folder: <root>/<experiment>/<UTC timestamp>/{manifest.json, trials.jsonl}.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { nameProblem } from '../config/experimentName';
import { FileSystemError } from './fileSystemError';

export const MANIFEST_FILE = 'manifest.json';
export const TRIALS_FILE = 'trials.jsonl';
/** Where run folders go by default, relative to the workspace (or the CLI's working directory). */
export const DEFAULT_RUNS_ROOT = join('.lth', 'runs');

/** 2025-03-01T12:34:56.789Z -> 2025-03-01T12-34-56Z: sortable, and legal on every file system. */
export function runFolderName(startedAt: Date): string {
  return startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

/** True when `dir` holds a manifest, i.e. is a run folder rather than a root of run folders. */
export function isRunFolder(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

/**
 * <runsRoot>/<experiment>: the folder of an experiment's run folders, for everyone who writes or
 * reads them (the run, the CLI, the extension). It never leaves the runs root: a name that is
 * not one folder name (see nameProblem) is refused, and the resolved folder must sit directly
 * in the resolved root.
 */
export function experimentRunsFolder(runsRoot: string, experiment: string): string {
  const problem = nameProblem(experiment);
  const folder = join(runsRoot, experiment);
  if (problem !== undefined || dirname(resolve(folder)) !== resolve(runsRoot)) {
    throw new Error(`the experiment name ${JSON.stringify(experiment)} cannot be a folder name under ${runsRoot}: it ${problem ?? 'leaves the runs folder'}`);
  }
  return folder;
}

/**
 * Creates a fresh, empty run folder for `experiment` under `root`. Two runs started in the
 * same second get -2, -3, ... suffixes; mkdir without `recursive` on the leaf makes the
 * claim atomic, so concurrent runs never share a folder.
 */
export function createRunFolder(root: string, experiment: string, startedAt: Date): string {
  const parent = experimentRunsFolder(root, experiment);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new FileSystemError('create the folder', parent, error);
  }
  const name = runFolderName(startedAt);
  for (let attempt = 1; ; attempt++) {
    const dir = join(parent, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new FileSystemError('create the run folder', dir, error);
    }
  }
}
