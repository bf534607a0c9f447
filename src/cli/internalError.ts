// A bug in lth itself (anything a command did not turn into a message) must not print a stack
// trace at the user: they get one line that says what broke and where the details are; the
// stack goes to a log file for the bug report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_VERSION } from '../core/runs/toolVersion';
import { errorMessage, errorStack } from '../shared/errorMessage';
import { fileSystemReason } from '../core/runs/fileSystemError';
import type { OutputStream } from './cliIo';

/** Where the details of internal errors go: a folder of its own in the system's temp folder. */
export const INTERNAL_ERROR_DIR = join(tmpdir(), 'lth-errors');

/**
 * Writes the error's details (version, command line, stack) to a new file in `logDir` and
 * tells the user in one line; if even that file cannot be written, the line says so instead.
 */
export function reportInternalError(error: unknown, argv: readonly string[], stderr: OutputStream, logDir: string = INTERNAL_ERROR_DIR): void {
  const summary = firstLine(errorMessage(error));
  const logFile = join(logDir, `lth-${new Date().toISOString().replaceAll(':', '-')}-${process.pid}.log`);
  const details = `lth ${TOOL_VERSION}, node ${process.version}, ${process.platform}\ncommand: lth ${argv.join(' ')}\n\n${errorStack(error)}\n`;
  let where: string;
  try {
    mkdirSync(logDir, { recursive: true });
    writeFileSync(logFile, details);
    where = `details in ${logFile}`;
  } catch (logError) {
    where = `the details could not be written to ${logFile} (${fileSystemReason(logError)})`;
  }
  stderr.write(`lth: an unexpected error (a bug in lth, please report it): ${summary}; ${where}\n`);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0].trim();
  return line === '' ? 'no message' : line;
}
