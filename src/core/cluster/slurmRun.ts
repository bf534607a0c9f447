// Writing a Slurm cluster run's folder: cluster.json and the three scripts, for `lth slurm` and
// the editor's "Run on Slurm…" alike.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../runs/atomicWrite';
import { FileSystemError } from '../runs/fileSystemError';
import { checkSameCluster, writeClusterRun, type ClusterRun } from './clusterRun';
import { ARRAY_SCRIPT, MERGE_SCRIPT, slurmScripts, SUBMIT_SCRIPT, type SlurmJobOptions } from './slurmScripts';
import type { SubmittedJobs } from './slurmSubmit';

/**
 * Writes the run into `options.clusterDir` (refused when the folder holds another config's run);
 * returns its description. Re-writing the same config's run keeps its shard folders, so the
 * shards resume.
 */
export function writeSlurmRun(options: SlurmJobOptions & { configHash: string }): ClusterRun {
  checkSameCluster(options.clusterDir, options.configHash);
  const scripts = slurmScripts(options);
  const run: ClusterRun = {
    engine: 'slurm',
    experiment: options.experiment,
    configPath: options.configPath,
    configHash: options.configHash,
    shards: options.shards,
    createdAt: new Date().toISOString(),
    ...(options.mergedDir === undefined ? {} : { mergedDir: options.mergedDir }),
  };
  writeClusterRun(options.clusterDir, run);
  for (const [name, text] of [[ARRAY_SCRIPT, scripts.array], [MERGE_SCRIPT, scripts.merge], [SUBMIT_SCRIPT, scripts.submit]] as const) {
    const path = join(options.clusterDir, name);
    writeFileAtomic(path, text);
    try {
      chmodSync(path, 0o755);
    } catch (error) {
      throw new FileSystemError('make executable', path, error);
    }
  }
  return run;
}

/** Records the submitted jobs' ids in cluster.json. */
export function recordSubmission(clusterDir: string, run: ClusterRun, jobIds: SubmittedJobs): ClusterRun {
  const submitted = { ...run, jobIds };
  writeClusterRun(clusterDir, submitted);
  return submitted;
}
