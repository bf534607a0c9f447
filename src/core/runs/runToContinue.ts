// The re-run rule, one for the CLI and the editor: running an experiment again continues the
// newest run folder of the same trials (same configHash, same shard), so that a re-run after
// Ctrl-C, a crash or kill -9 computes only what is missing. When that newest run completed there
// is nothing to continue; what then happens is the caller's choice (`lth run` reports where the
// results are, `lth run --new` and the editor's Run button start a new folder).
import type { Shard } from '../sweep/trialJobs';
import type { RunListing } from './runListing';
import { isRunOfFile } from './runSource';

export type RunToContinue =
  /** No run of these trials yet: a new folder. */
  | { kind: 'none' }
  /** The newest run of these trials did not complete (cancelled, failed, or killed while "running"). */
  | { kind: 'unfinished'; run: RunListing }
  /** The newest run of these trials completed. */
  | { kind: 'finished'; run: RunListing };

/** `listings` newest first, as listRuns gives them; a run of another file of the same name (a copy) is never continued. */
export function runToContinue(listings: readonly RunListing[], configHash: string, shard?: Shard, experimentFile?: string): RunToContinue {
  const newest = listings.find(
    (listing) => listing.manifest.configHash === configHash && sameShard(listing.manifest.shard, shard) && isRunOfFile(listing.manifest, experimentFile),
  );
  if (newest === undefined) return { kind: 'none' };
  return newest.manifest.status === 'completed' ? { kind: 'finished', run: newest } : { kind: 'unfinished', run: newest };
}

function sameShard(left: Shard | undefined, right: Shard | undefined): boolean {
  return left?.index === right?.index && left?.count === right?.count;
}
