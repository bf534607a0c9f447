// How each shard of a cluster run stands, read from the shard folders alone (no scheduler is
// asked): the newest run folder of the config under each shard's root, or "pending" when the
// shard's task has not made one yet.
import type { ShardProgress } from '../../shared/protocol';
import { listRuns } from '../runs/runListing';
import { shardRoot, type ClusterRun } from './clusterRun';

export function readShardProgress(clusterDir: string, run: ClusterRun, onProblem: (message: string) => void = () => {}): ShardProgress[] {
  const shards: ShardProgress[] = [];
  for (let index = 1; index <= run.shards; index++) {
    const newest = listRuns(shardRoot(clusterDir, index), run.experiment, onProblem).find(
      (listing) => listing.manifest.configHash === run.configHash && listing.manifest.shard?.index === index && listing.manifest.shard.count === run.shards,
    );
    shards.push(
      newest === undefined
        ? { index, status: 'pending', completedTrials: 0, totalTrials: 0 }
        : { index, status: newest.manifest.status, completedTrials: Math.min(newest.completedTrials, newest.manifest.totalTrials), totalTrials: newest.manifest.totalTrials },
    );
  }
  return shards;
}

/** Whether every shard has ended (completed, cancelled or failed): nothing more will land. */
export function allShardsEnded(shards: readonly ShardProgress[]): boolean {
  return shards.every((shard) => shard.status === 'completed' || shard.status === 'cancelled' || shard.status === 'failed');
}
