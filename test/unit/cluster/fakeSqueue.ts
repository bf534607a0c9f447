// A stand-in for Slurm's squeue in unit tests: prints what a real one prints in a given situation.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A squeue that prints `stdout`, `stderr` and exits with `status`; it also records its arguments. */
export function fakeSqueue(stdout: string, stderr = '', status = 0): { path: string; dir: string; argumentsFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lth-squeue-'));
  const path = join(dir, 'squeue');
  const argumentsFile = join(dir, 'arguments');
  writeFileSync(path, `#!/bin/sh\necho "$@" > '${argumentsFile}'\nprintf '%s' '${stdout}'\nprintf '%s' '${stderr}' >&2\nexit ${status}\n`);
  chmodSync(path, 0o755);
  return { path, dir, argumentsFile };
}
