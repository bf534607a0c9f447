// How a run names the experiment file it ran: relative to the workspace (the CLI: its working
// folder), with '/' separators, so the same file has the same name on every platform.
import { isAbsolute, relative, resolve, sep } from 'node:path';

export function experimentFilePath(configPath: string, root: string = process.cwd()): string {
  const path = relative(root, resolve(configPath));
  // A file on another drive has no relative path: its absolute one is its name.
  return (isAbsolute(path) ? resolve(configPath) : path).split(sep).join('/');
}
