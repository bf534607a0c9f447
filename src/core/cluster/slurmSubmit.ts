// Submitting the scripts of slurmScripts.ts with sbatch: the array first, then the merge job
// with a dependency on it. Used by `lth slurm --submit` and the editor's "Run on Slurm…".
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { errorMessage } from '../../shared/errorMessage';
import { ARRAY_SCRIPT, MERGE_SCRIPT, SUBMIT_SCRIPT, type MergeDependency } from './slurmScripts';

/** sbatch is missing or refused a script: what happened, worded for a person. */
export class SubmitError extends Error {
  override name = 'SubmitError';
}

export interface SubmittedJobs {
  array: string;
  merge: string;
}

/** Submits the array and the merge job of the cluster run in `clusterDir`; resolves with their job ids. */
export function submitSlurmJobs(clusterDir: string, mergeAfter: MergeDependency, sbatch = 'sbatch'): SubmittedJobs {
  const array = runSbatch(sbatch, [join(clusterDir, ARRAY_SCRIPT)], clusterDir);
  try {
    const merge = runSbatch(sbatch, [`--dependency=${mergeAfter}:${array}`, join(clusterDir, MERGE_SCRIPT)], clusterDir);
    return { array, merge };
  } catch (error) {
    throw new SubmitError(`the array job ${array} was submitted, the merge job was not: ${errorMessage(error)}; submit it with sbatch --dependency=${mergeAfter}:${array} ${join(clusterDir, MERGE_SCRIPT)}`);
  }
}

/** `sbatch --parsable ARGS`: the job id ("123", or "123;cluster" on a federation: the id part). */
function runSbatch(sbatch: string, args: readonly string[], clusterDir: string): string {
  const result = spawnSync(sbatch, ['--parsable', ...args], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `${sbatch} was not found on the PATH (is this a Slurm login node?)` : `${sbatch} could not be run: ${result.error.message}`;
    throw new SubmitError(`${why}; the scripts are in ${clusterDir}: submit them where Slurm is with bash ${join(clusterDir, SUBMIT_SCRIPT)}`);
  }
  const id = result.stdout.trim().split(';')[0];
  if (result.status !== 0 || !/^\d+$/.test(id)) {
    const said = `${result.stderr}${result.stdout}`.trim() || `exit ${result.status ?? result.signal}`;
    throw new SubmitError(`sbatch ${args.join(' ')} failed: ${said}`);
  }
  return id;
}
