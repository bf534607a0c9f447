// Layout of a run folder: <root>/<experiment>/<UTC timestamp>/{manifest.json, trials.jsonl}.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
 * Creates a fresh, empty run folder for `experiment` under `root`. Two runs started in the
 * same second get -2, -3, ... suffixes; mkdir without `recursive` on the leaf makes the
 * claim atomic, so concurrent runs never share a folder.
 */
export function createRunFolder(root: string, experiment: string, startedAt: Date): string {
  if (experiment === '' || /[/\\]|^\.\.?$/.test(experiment)) {
    throw new Error(`createRunFolder: experiment name "${experiment}" cannot be a folder name (expected no slashes, not "." or "..")`);
  }
  const parent = join(root, experiment);
  mkdirSync(parent, { recursive: true });
  const name = runFolderName(startedAt);
  for (let attempt = 1; ; attempt++) {
    const dir = join(parent, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
