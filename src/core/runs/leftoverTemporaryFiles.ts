// A kill -9 between writing a temp file and renaming it over its target (see atomicWrite.ts)
// leaves the temp file behind. Readers never look at it (it is hidden and has its own name), so
// nothing is wrong with the folder, but it would pile up: the next run or `lth repair`, holding
// the folder's lock, removes what such a writer left.
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemporaryName } from './atomicWrite';
import { fileSystemReason } from './fileSystemError';
import { LOCK_FILE, isProcessRunning } from './runLock';
import { MANIFEST_FILE, TRIALS_FILE } from './runFolder';

/** Files only the holder of the folder's lock writes: their temp files are stale whoever wrote them. */
const WRITTEN_UNDER_THE_LOCK = new Set([MANIFEST_FILE, TRIALS_FILE, LOCK_FILE]);

export interface SweptTemporaryFiles {
  removed: string[];
  /** Files that could not be removed, each with the reason. */
  failed: string[];
}

/**
 * Removes the temp files in `runDir` left by writers that are gone; call it holding the
 * folder's lock. A temp file of another target (a report being written by `lth report` right
 * now) is kept while its writer runs.
 */
export function removeLeftoverTemporaryFiles(runDir: string): SweptTemporaryFiles {
  const swept: SweptTemporaryFiles = { removed: [], failed: [] };
  for (const name of readdirSync(runDir)) {
    const temporary = parseTemporaryName(name);
    if (temporary === undefined || temporary.pid === process.pid) continue;
    if (!WRITTEN_UNDER_THE_LOCK.has(temporary.target) && isProcessRunning(temporary.pid)) continue;
    try {
      unlinkSync(join(runDir, name));
      swept.removed.push(name);
    } catch (error) {
      swept.failed.push(`${join(runDir, name)} (${fileSystemReason(error)})`);
    }
  }
  return swept;
}

/** What a sweep did, for the log: undefined when there was nothing. */
export function describeSweep(runDir: string, swept: SweptTemporaryFiles): { info?: string; warning?: string } {
  const count = swept.removed.length;
  return {
    ...(count > 0 ? { info: `removed ${count} temp file${count === 1 ? '' : 's'} left in ${runDir} by an interrupted write: ${swept.removed.join(', ')}` } : {}),
    ...(swept.failed.length > 0 ? { warning: `could not remove temp files left by an interrupted write: ${swept.failed.join(', ')}` } : {}),
  };
}
