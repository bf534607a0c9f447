// A cluster run as a live run of the editor: it reads the shard folders as the cluster's tasks
// write them, merges what landed into the merged run folder (the one the merge job completes
// later, and the one the panel shows), and reports it with the events a local trainer sends,
// plus the per-shard progress. So the panel, the status bar and the progress notification show a
// Slurm run as they show a local one. No vscode import.
import { readManifest } from '../../core/runs/manifestFile';
import { MergeError, mergeShards } from '../../core/runs/mergeShards';
import { mergedRunFolder, shardRoot, type ClusterRun } from '../../core/cluster/clusterRun';
import { allShardsEnded, readShardProgress } from '../../core/cluster/shardProgress';
import { errorMessage } from '../../shared/errorMessage';
import type { RunEvent, ShardProgress } from '../../shared/protocol';
import type { TrainerHandle } from '../runner/liveRun';
import type { TrainerExit } from '../runner/trainerExit';

export interface ClusterWatchOptions {
  clusterDir: string;
  run: ClusterRun;
  onEvent: (event: RunEvent) => void;
  /** How often the shard folders are read. */
  intervalMs: number;
  /** Cancels the cluster's jobs (scancel), when the user cancels the run. */
  cancelJobs?: () => void;
}

type FinalStatus = Extract<RunEvent, { type: 'run-finished' }>['status'];

export class ClusterWatch implements TrainerHandle {
  readonly exited: Promise<TrainerExit>;
  private resolveExit!: (exit: TrainerExit) => void;
  private timer: NodeJS.Timeout | undefined;
  private readonly startedMs = Date.now();
  private announced = false;
  private completedTrials = 0;
  private totalTrials = 0;
  /** The shard progress last read, as JSON: nothing is merged or sent while it stays the same. */
  private lastProgress = '';
  private cancelRequested = false;
  private ended = false;

  constructor(private readonly options: ClusterWatchOptions) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.timer = setTimeout(() => this.tick(), 0);
  }

  /** The user's cancel: the cluster's jobs are cancelled too (their finished trials stay on disk). */
  cancel(): void {
    this.cancelRequested = true;
    this.options.cancelJobs?.();
    this.finish('cancelled', 'cancelled: the cluster jobs were cancelled (scancel); re-submitting the array resumes every shard');
  }

  /** The window closes: stop watching, the cluster's jobs go on. */
  async stop(): Promise<TrainerExit> {
    this.finish('cancelled', 'stopped watching; the cluster jobs go on');
    return this.exited;
  }

  private tick(): void {
    this.timer = undefined;
    if (this.ended) return;
    try {
      const { clusterDir, run } = this.options;
      const shards = readShardProgress(clusterDir, run);
      const progress = JSON.stringify(shards);
      const ended = allShardsEnded(shards);
      // Ended: merged once more even if unchanged, so that a merge a held lock skipped is made up.
      if ((progress !== this.lastProgress || ended) && shards.some((shard) => shard.status !== 'pending')) {
        this.mergeLanded(shards);
        this.lastProgress = progress;
      }
      if (ended) {
        const failed = shards.filter((shard) => shard.status !== 'completed');
        if (failed.length === 0) this.finish('completed');
        else this.finish(failed.some((shard) => shard.status === 'failed') ? 'failed' : 'cancelled', `shards ${failed.map((shard) => `${shard.index} (${shard.status})`).join(', ')} did not complete; re-submit the array to resume them`);
        return;
      }
    } catch (error) {
      // A held lock is the merge job (or a second window) merging this moment: the next tick merges.
      if (!(error instanceof MergeError && error.locked)) {
        this.finish('failed', errorMessage(error));
        return;
      }
    }
    this.timer = setTimeout(() => this.tick(), this.options.intervalMs);
  }

  /** Merges the shards' new records into the merged folder and reports them, then the shards' progress. */
  private mergeLanded(shards: readonly ShardProgress[]): void {
    const { clusterDir, run, onEvent } = this.options;
    const started = shards.filter((shard) => shard.status !== 'pending').map((shard) => shardRoot(clusterDir, shard.index));
    const mergedDir = mergedRunFolder(clusterDir, run);
    const report = mergeShards(started, mergedDir);
    if (!this.announced) {
      const manifest = readManifest(mergedDir);
      this.announced = true;
      this.totalTrials = manifest.totalTrials;
      this.completedTrials = report.recordsBefore;
      onEvent({ type: 'run-started', runDir: mergedDir, manifest: { ...manifest, status: 'running' }, totalTrials: this.totalTrials, completedTrials: this.completedTrials });
    }
    for (const record of report.addedRecords) {
      this.completedTrials = Math.min(this.completedTrials + 1, this.totalTrials);
      onEvent({ type: 'trial-completed', record, completedTrials: this.completedTrials, totalTrials: this.totalTrials });
    }
    onEvent({ type: 'shard-progress', shards: [...shards], completedTrials: this.completedTrials, totalTrials: this.totalTrials });
  }

  private finish(status: FinalStatus, message?: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    const finished = {
      type: 'run-finished' as const,
      status,
      completedTrials: this.completedTrials,
      totalTrials: this.totalTrials,
      seconds: (Date.now() - this.startedMs) / 1000,
      ...(message === undefined ? {} : { message }),
    };
    this.options.onEvent(finished);
    this.resolveExit({ code: 0, signal: null, finished, cancelRequested: this.cancelRequested, completedTrials: this.completedTrials, totalTrials: this.totalTrials });
  }
}
