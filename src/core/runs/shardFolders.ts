// Finding the run folders a cluster's shards wrote. A shard's task runs `lth run --out ROOT`, so
// its run folder is ROOT/<experiment>/<UTC time>/; merging and watching take either such a root
// or a run folder itself.
import { join } from 'node:path';
import { isRunFolder } from './runFolder';
import { subfolders } from './runListing';

/**
 * The run folders in `dir`: `dir` itself when it is one, else the run folders one and two levels
 * below it (ROOT/<experiment>/<time>/), sorted by path. A missing folder holds none (a shard
 * whose task never started has not made its root yet).
 */
export function findRunFolders(dir: string): string[] {
  if (isRunFolder(dir)) return [dir];
  const found: string[] = [];
  for (const child of subfolders(dir)) {
    const path = join(dir, child);
    if (isRunFolder(path)) found.push(path);
    else for (const grandchild of subfolders(path)) if (isRunFolder(join(path, grandchild))) found.push(join(path, grandchild));
  }
  return found.sort();
}
