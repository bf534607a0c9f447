// Which run folder a new run of an experiment continues: the newest folder of the same trials
// (same configHash, not a shard) if it did not complete, so that re-running after a cancel or
// a crash computes only what is missing. A completed one means "run it again": a new folder.
// No vscode import.
import type { RunListing } from '../../core/runs/runListing';

/** `listings` newest first (as listRuns gives them); undefined = start a new folder. */
export function chooseResumeFolder(listings: readonly RunListing[], configHash: string): RunListing | undefined {
  const newestSame = listings.find((listing) => listing.manifest.configHash === configHash && listing.manifest.shard === undefined);
  return newestSame && newestSame.manifest.status !== 'completed' ? newestSame : undefined;
}
