// The RUN_DIR arguments of `lth summarize` and `lth report`: run folders, or experiments' folders
// standing for their newest run (said on stderr, so the reader knows which run the output is of).
import { runFolderArgument } from '../core/runs/runFolderArgument';
import type { CliIo } from './cliIo';

export function runFolderArguments(dirs: readonly string[], command: string, io: CliIo): string[] {
  return dirs.map((dir) => {
    const runDir = runFolderArgument(dir, (problem) => io.stderr.write(`${command}: warning: ${problem}\n`));
    if (runDir !== dir) io.stderr.write(`${command}: ${dir}: its newest run, ${runDir}\n`);
    return runDir;
  });
}
