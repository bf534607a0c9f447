// Where a command writes: the process's streams, or buffers in tests.
import { terminalText } from './terminalText';

export interface OutputStream {
  isTTY?: boolean;
  /** Text for a person or a program. Through terminalSafeIo, what is not shown as itself is escaped. */
  write(text: string): unknown;
  /** Terminal control this program composes itself (the progress bar's redraw): never escaped. Absent: `write` takes it. */
  writeControl?(sequence: string): unknown;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

/**
 * The CLI's output boundary: `io` with every write passed through terminalText, so that names,
 * paths and messages from files and folders cannot drive the terminal. Only writeControl (the
 * progress bar's own sequences) goes through unescaped.
 */
export function terminalSafeIo(io: CliIo): CliIo {
  const safe = (stream: OutputStream): OutputStream => ({
    isTTY: stream.isTTY,
    write: (text) => stream.write(terminalText(text)),
    writeControl: (sequence) => stream.write(sequence),
  });
  return { stdout: safe(io.stdout), stderr: safe(io.stderr) };
}

/** Exit codes shared by every command (see `lth --help`). */
export const EXIT = {
  ok: 0,
  /** The command ran and failed: invalid file, failed run, unreadable run folder. */
  failed: 1,
  /** The command line itself was wrong. */
  usage: 2,
  /** `lth run` cancelled by Ctrl-C (128 + SIGINT) or by SIGTERM (128 + SIGTERM). */
  interrupted: 130,
  terminated: 143,
} as const;
