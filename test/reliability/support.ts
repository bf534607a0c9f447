// Shared by the reliability tests: the CLI in this process or as a child (optionally as another
// user, or under a file size limit), and what every message to a user must be.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { RunEvent } from '../../src/shared/protocol';
import { bufferIo } from '../unit/cli/bufferIo';

export const REPO_ROOT = join(__dirname, '..', '..');
const CLI_SOURCE = join(REPO_ROOT, 'src', 'cli', 'main.ts');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The --events json lines of stdout, parsed. */
  events: RunEvent[];
}

/** `lth ...` in this process; `onStdout` sees each write as it happens (to act at a given event). */
export async function lthInProcess(argv: string[], onStdout: (text: string) => void = () => {}): Promise<CliResult> {
  const io = bufferIo();
  const write = io.stdout.write;
  io.stdout.write = (text: string) => {
    onStdout(text);
    return write(text);
  };
  const code = await main(argv, io);
  return { code, signal: null, stdout: io.out(), stderr: io.err(), events: eventsOf(io.out()) };
}

export interface ChildOptions {
  /** Run as this user (and group) instead of the current one. */
  uid?: number;
  /** RLIMIT_FSIZE in 512-byte blocks (`ulimit -f`): writing past it fails with EFBIG. */
  fileSizeBlocks?: number;
  /** Called once the child is started (to signal it at a given time). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
  /** Sees each --events json event as it arrives. */
  onEvent?: (event: RunEvent, child: ReturnType<typeof spawn>) => void;
}

/** `lth ...` as a child process (the sources through tsx). */
export function lthChild(argv: string[], options: ChildOptions = {}): Promise<CliResult> {
  const node = [process.execPath, '--import', 'tsx', CLI_SOURCE, ...argv];
  const [command, ...args] = options.fileSizeBlocks === undefined ? node : ['sh', '-c', `ulimit -f ${options.fileSizeBlocks} && exec "$@"`, 'sh', ...node];
  const child = spawn(command, args, {
    cwd: REPO_ROOT, // where tsx is found
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  options.onSpawn?.(child);
  let stdout = '';
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) options.onEvent?.(JSON.parse(line) as RunEvent, child);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, events: eventsOf(stdout) })));
}

function eventsOf(stdout: string): RunEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RunEvent);
}

/** A message for a person: no stack trace, no "internal error", and it names each of `mentions`. */
export function assertCleanMessage(text: string, ...mentions: (string | RegExp)[]): void {
  assert.doesNotMatch(text, /\n\s+at \S+ \(|\n\s+at node:|internal error/, `a stack trace reached the user:\n${text}`);
  for (const mention of mentions) {
    if (typeof mention === 'string') assert.ok(text.includes(mention), `expected the message to name ${JSON.stringify(mention)}:\n${text}`);
    else assert.match(text, mention);
  }
}

/** The uid of user nobody on Linux. */
const NOBODY = 65534;

/**
 * What makes `readOnly` paths unwritable for a child: root writes anything, so as root the child
 * runs as user nobody, which may write `writable` (made its own) and read the rest; otherwise
 * the paths' write bits are cleared. Returns the child's options.
 */
export function unprivilegedChild(readOnly: readonly string[], writable: readonly string[] = [], readable: readonly string[] = []): Pick<ChildOptions, 'uid'> {
  for (const path of readOnly) chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
  if (process.getuid?.() !== 0) return {};
  for (const path of readable) chmodSync(path, 0o755); // e.g. the 0700 temp folder around the others
  for (const path of writable) chownSync(path, NOBODY, NOBODY);
  return { uid: NOBODY };
}
