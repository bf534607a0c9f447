// The node a cluster job runs lth with. The extension host's own executable is VS Code's
// (Electron) on the desktop, which is not a node a batch script can call: a `node` on the PATH
// is taken first, the host's executable only when it is a node itself (code-server). No vscode import.
import { accessSync, constants } from 'node:fs';
import { basename, delimiter, join } from 'node:path';

export function findNodeExecutable(path = process.env.PATH ?? '', hostExecutable = process.execPath): string {
  const names = process.platform === 'win32' ? ['node.exe'] : ['node'];
  for (const folder of path.split(delimiter).filter((entry) => entry !== '')) {
    for (const name of names) {
      const candidate = join(folder, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here: the next folder of the PATH
      }
    }
  }
  if (/^node(\.exe)?$/.test(basename(hostExecutable))) return hostExecutable;
  throw new Error('no node executable on the PATH: the cluster jobs run lth with Node.js 20 or newer; install it on the shared file system and put it on the PATH');
}
