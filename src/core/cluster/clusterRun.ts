// A cluster run's folder: the scripts `lth slurm` / `lth k8s` wrote, and where the shards and the
// merge write. cluster.json says what was run there (config, shard count, engine, job ids), so
// that the merge, a re-submission and the panel find the shard folders without guessing.
//
//   DIR/cluster.json           this file
//   DIR/shards/shard-<i>/      lth run --shard i/N --out here (i from 1): <experiment>/<time>/
//   DIR/merged/                the merged run folder (lth merge), unless mergedDir says elsewhere
//   DIR/logs/                  the engine's logs (Slurm needs the folder before a job starts)
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { checker } from '../../shared/schemaCheck';
import { errorMessage } from '../../shared/errorMessage';
import { writeFileAtomic } from '../runs/atomicWrite';
import { FileSystemError } from '../runs/fileSystemError';

export const CLUSTER_RUN_FILE = 'cluster.json';

export const ClusterRunSchema = Type.Object({
  engine: Type.Union([Type.Literal('slurm'), Type.Literal('kubernetes')]),
  experiment: Type.String(),
  /** The experiment file, absolute (as the jobs read it). */
  configPath: Type.String(),
  configHash: Type.String(),
  shards: Type.Integer({ minimum: 1 }),
  createdAt: Type.String(),
  /** Where the merge job writes, when not DIR/merged (the editor merges into its runs folder, where the panel looks). */
  mergedDir: Type.Optional(Type.String()),
  /** Set by --submit: the engine's ids of the array job and of the merge job. */
  jobIds: Type.Optional(Type.Object({ array: Type.String(), merge: Type.String() })),
});
export type ClusterRun = Static<typeof ClusterRunSchema>;

const checkClusterRun = checker<ClusterRun>(ClusterRunSchema, 'cluster');

/** Shard i's folder is DIR/shards/shard-<i>. */
export const SHARD_FOLDER_PREFIX = 'shard-';

export function shardsFolder(clusterDir: string): string {
  return join(clusterDir, 'shards');
}

/** DIR/shards/shard-<index>: the --out of shard `index` (from 1). */
export function shardRoot(clusterDir: string, index: number): string {
  return join(shardsFolder(clusterDir), `${SHARD_FOLDER_PREFIX}${index}`);
}

export function mergedRunFolder(clusterDir: string, run?: Pick<ClusterRun, 'mergedDir'>): string {
  return run?.mergedDir ?? join(clusterDir, 'merged');
}

export function clusterLogsFolder(clusterDir: string): string {
  return join(clusterDir, 'logs');
}

/** Writes cluster.json and makes the folders the jobs expect to exist. */
export function writeClusterRun(clusterDir: string, run: ClusterRun): void {
  for (const folder of [clusterLogsFolder(clusterDir), shardsFolder(clusterDir)]) {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new FileSystemError('create the folder', folder, error);
    }
  }
  writeFileAtomic(join(clusterDir, CLUSTER_RUN_FILE), `${JSON.stringify(run, null, 2)}\n`);
}

/** The folder's cluster.json, undefined when it has none; throws a located message when it is not one. */
export function readClusterRun(clusterDir: string): ClusterRun | undefined {
  const path = join(clusterDir, CLUSTER_RUN_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileSystemError('read', path, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${errorMessage(error)})`);
  }
  const checked = checkClusterRun(parsed);
  if (!checked.ok) throw new Error(`${path}: ${checked.problem}`);
  return checked.value;
}

/**
 * Refuses to lay a run of another config over an earlier one in the same folder: the shards would
 * resume the right runs, but the merge would meet two configs.
 */
export function checkSameCluster(clusterDir: string, configHash: string): void {
  const earlier = readClusterRun(clusterDir);
  if (earlier && earlier.configHash !== configHash) {
    throw new Error(
      `${clusterDir} holds a cluster run of another config of ${earlier.experiment} (configHash ${earlier.configHash.slice(0, 12)}…, ` +
        `the file now gives ${configHash.slice(0, 12)}…); give --out another folder`,
    );
  }
}
