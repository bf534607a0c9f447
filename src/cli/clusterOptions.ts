// What `lth slurm` and `lth k8s` share: the experiment FILE, --shards N, --out DIR, and how a
// job starts this same lth.
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_RUNS_ROOT } from '../core/runs/runFolder';
import { positiveInteger, UsageError } from './arguments';

/** Where cluster runs go by default: beside the run folders, one folder per experiment. */
export const DEFAULT_CLUSTER_ROOT = join(DEFAULT_RUNS_ROOT, '..', 'cluster');

/** The one FILE and a required --shards N. */
export function fileAndShards(positionals: readonly string[], shards: string | undefined): { configPath: string; shards: number } {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one experiment FILE, got ${positionals.length}`);
  const count = positiveInteger(shards, '--shards');
  if (count === undefined) throw new UsageError('--shards N is required: the number of shards (array tasks) to split the sweep into');
  return { configPath: positionals[0], shards: count };
}

/** --out DIR, else .lth/cluster/<experiment> under the working folder. */
export function clusterFolder(out: string | undefined, experiment: string): string {
  return resolve(out ?? join(DEFAULT_CLUSTER_ROOT, experiment));
}

/** This lth as a job runs it: the absolute node and the absolute bundle (dist/cli.js), no global install needed. */
export function thisLthCommand(): string[] {
  return [process.execPath, realpathSync(process.argv[1])];
}
