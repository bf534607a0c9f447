// Runs a benchmark side in a process of its own and collects what it printed.
import { spawn } from 'node:child_process';

export interface ChildOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, including the interpreter's start. */
  wallSeconds: number;
}

/** Spawns `command args`, writes `input` to its stdin (if given), and resolves when it exits. */
export function runChild(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, wallSeconds: (performance.now() - started) / 1000 }));
    child.stdin.end(options.input ?? '');
  });
}
