// Reads an experiment file from disk (Node only; parseExperimentText has no file-system access).
import { readFile } from 'node:fs/promises';
import { parseExperimentText, type ExperimentParseResult } from './parseExperimentText';

/** Thrown when the file cannot be read at all (as opposed to problems in its content). */
export class ExperimentFileReadError extends Error {
  constructor(
    readonly filePath: string,
    readonly reason: string,
  ) {
    super(`cannot read ${filePath}: ${reason}`);
    this.name = 'ExperimentFileReadError';
  }
}

function readFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, expected an experiment file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Loads and validates an experiment file. Throws ExperimentFileReadError when it cannot be read. */
export async function loadExperimentFile(filePath: string): Promise<ExperimentParseResult> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new ExperimentFileReadError(filePath, readFailureReason(error));
  }
  return parseExperimentText(text, filePath);
}
