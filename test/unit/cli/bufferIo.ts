// A CliIo that records what a command prints.
import type { CliIo } from '../../../src/cli/cliIo';

export function bufferIo(): CliIo & { out(): string; err(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout: { isTTY: false, write: (text: string) => stdout.push(text) },
    stderr: { isTTY: false, write: (text: string) => stderr.push(text) },
    out: () => stdout.join(''),
    err: () => stderr.join(''),
  };
}
