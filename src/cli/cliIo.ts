// Where a command writes: the process's streams, or buffers in tests.

export interface OutputStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

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
