// The user's label of a run ("baseline", "η halved"), kept beside the run in label.txt: a run
// folder's manifest and records are the run's own and never rewritten for it.
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_LABEL_MAX_LENGTH } from '../../shared/protocol';
import { writeFileAtomic } from './atomicWrite';
import { FileSystemError } from './fileSystemError';

export const LABEL_FILE = 'label.txt';

/** One line, trimmed; throws a message saying what is wrong with a label that cannot be one. */
export function cleanRunLabel(label: string): string {
  const cleaned = label.replace(/\s+/g, ' ').trim();
  if (cleaned.length > RUN_LABEL_MAX_LENGTH) throw new RangeError(`a run label has at most ${RUN_LABEL_MAX_LENGTH} characters; this one has ${cleaned.length}`);
  return cleaned;
}

/** The run's label; none when it has no label file (or an empty one). */
export function readRunLabel(runDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(runDir, LABEL_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileSystemError('read', join(runDir, LABEL_FILE), error);
  }
  const label = text.replace(/\s+/g, ' ').trim().slice(0, RUN_LABEL_MAX_LENGTH);
  return label === '' ? undefined : label;
}

/** Sets the run's label; an empty one removes it. */
export function writeRunLabel(runDir: string, label: string): void {
  const cleaned = cleanRunLabel(label);
  const path = join(runDir, LABEL_FILE);
  if (cleaned !== '') {
    writeFileAtomic(path, `${cleaned}\n`);
    return;
  }
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileSystemError('remove', path, error);
  }
}
