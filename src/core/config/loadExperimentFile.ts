// Reads an experiment file from disk (Node only; parseExperimentText has no file-system access).
import { readFile } from 'node:fs/promises';
import { formatProblem } from './experimentProblem';
import { parseExperimentText, type ExperimentParseResult } from './parseExperimentText';
import { utf16Encoding, utf16Message } from './textEncoding';
import { fileSystemReason } from '../runs/fileSystemError';

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

/** Loads and validates an experiment file. Throws ExperimentFileReadError when it cannot be read. */
export async function loadExperimentFile(filePath: string): Promise<ExperimentParseResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    throw new ExperimentFileReadError(filePath, fileSystemReason(error));
  }
  const utf16 = utf16Encoding(bytes);
  if (utf16 !== undefined) {
    return { ok: false, stage: 'syntax', problems: [{ path: '', line: 1, column: 1, endLine: 1, endColumn: 1, message: utf16Message(utf16), severity: 'error' }] };
  }
  return parseExperimentText(bytes.toString('utf8'), filePath);
}

/** Thrown by loadValidExperimentFile for a file with errors: the message lists them (FILE:LINE:COL: ...). */
export class InvalidExperimentFileError extends Error {
  override name = 'InvalidExperimentFileError';
}

/**
 * Loads an experiment file that must be valid (a run, a cluster submission): its result, or
 * ExperimentFileReadError / InvalidExperimentFileError saying why not.
 */
export async function loadValidExperimentFile(filePath: string): Promise<Extract<ExperimentParseResult, { ok: true }>> {
  const result = await loadExperimentFile(filePath);
  if (!result.ok) {
    throw new InvalidExperimentFileError(`${filePath} is not a valid experiment file:\n${result.problems.map((problem) => formatProblem(filePath, problem)).join('\n')}`);
  }
  return result;
}
