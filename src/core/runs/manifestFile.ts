// Reading and writing a run folder's manifest.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { MANIFEST_FILE } from './runFolder';
import { checkRunManifest } from '../../shared/protocolGuards';
import type { RunManifest } from '../../shared/runManifest';
import { upgradeManifest } from './manifestUpgrade';
import { errorMessage } from '../../shared/errorMessage';
import { FileSystemError } from './fileSystemError';

/** Replaces the manifest atomically: a crash leaves the previous version, never a torn file. */
export function writeManifest(runDir: string, manifest: RunManifest): void {
  writeFileAtomic(join(runDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(runDir: string): RunManifest {
  const path = join(runDir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${runDir} is not a run folder: it has no ${MANIFEST_FILE}`);
    }
    throw new FileSystemError('read', path, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${oneLine(errorMessage(error))}); ${NOT_OURS}`);
  }
  const checked = checkRunManifest(upgradeManifest(parsed), MANIFEST_FILE);
  if (!checked.ok) throw new Error(`${path}: not a run manifest of LTH Lab (${checked.problem}); ${NOT_OURS}`);
  return checked.value;
}

/** What a manifest.json that is not ours (another tool's, or damaged) means for the folder. */
const NOT_OURS = 'the folder is left as it is: lth writes nothing into a folder whose manifest.json it cannot read';

/** JSON.parse quotes the text around the error, newlines included. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
