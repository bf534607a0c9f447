// The name of a run everywhere a person reads it (panel, report, CLI): "<experiment>/<folder>".
import { basename, dirname, resolve } from 'node:path';

/** "runs/phase/2025-01-01T00-00-00Z" -> "phase/2025-01-01T00-00-00Z" (relative paths resolved first). */
export function runIdOf(runDir: string): string {
  const absolute = resolve(runDir);
  return `${basename(dirname(absolute))}/${basename(absolute)}`;
}
