// A folder named on the command line (`lth summarize DIR`, `lth report DIR`): a run folder, or an
// experiment's folder of runs (`.lth/runs/<experiment>`), which stands for its newest run.
import { isRunFolder, MANIFEST_FILE } from './runFolder';
import { newestRunIn } from './runListing';

/** The run folder `dir` names: itself when it holds a manifest, else the newest run inside it. */
export function runFolderArgument(dir: string, onProblem: (message: string) => void = () => {}): string {
  if (isRunFolder(dir)) return dir;
  const newest = newestRunIn(dir, onProblem);
  if (newest === undefined) {
    throw new Error(`${dir} is neither a run folder (it has no ${MANIFEST_FILE}) nor an experiment's folder of run folders; expected e.g. .lth/runs/<experiment> or .lth/runs/<experiment>/<timestamp>`);
  }
  return newest.runDir;
}
