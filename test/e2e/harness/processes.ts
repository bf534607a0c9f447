// Which trainer children are alive: read from /proc, independently of what the extension
// reports, so "the child stopped" is checked against the operating system itself.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of live processes whose command line runs `trainer.js` from below `extensionsDir`. */
export function trainerPids(extensionsDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    const args = commandLine.split('\0');
    if (args.some((arg) => arg.startsWith(extensionsDir) && arg.endsWith('trainer.js'))) pids.push(Number(entry));
  }
  return pids;
}
