// Binary results a trial part keeps beside its record (e.g. the pruning mask of a round), in
// <run>/artifacts/<cell>#<trial>/part-<n>-<name>.bin. Written and flushed before the part's
// record is appended, so a record on disk always has its artifacts: a chain resumes from them.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const ARTIFACTS_FOLDER = 'artifacts';

function trialFolder(runDir: string, cellKey: string, trial: number): string {
  // Cell keys hold only axis names, '=', ',' and numbers: safe as a folder name once bounded.
  return join(runDir, ARTIFACTS_FOLDER, `${cellKey}#${trial}`);
}

export function writeArtifacts(runDir: string, cellKey: string, trial: number, part: number, artifacts: Readonly<Record<string, Uint8Array>>): void {
  const folder = trialFolder(runDir, cellKey, trial);
  mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(artifacts)) {
    const descriptor = openSync(join(folder, `part-${part}-${name}.bin`), 'w');
    try {
      writeSync(descriptor, bytes);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  }
}

/** The artifacts of one part, by name (none: an empty object). */
export function readArtifacts(runDir: string, cellKey: string, trial: number, part: number): Record<string, Uint8Array> {
  const folder = trialFolder(runDir, cellKey, trial);
  const prefix = `part-${part}-`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const artifacts: Record<string, Uint8Array> = {};
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.bin')) artifacts[name.slice(prefix.length, -'.bin'.length)] = new Uint8Array(readFileSync(join(folder, name)));
  }
  return artifacts;
}
