// Reads what a panel's snapshot holds from disk: every run of the experiment with its
// manifest, the trial records of the selected runs, and those of the other runs while they
// fit a budget (so switching runs in the panel is instant for ordinary experiments, and an
// experiment run many times does not ship every record of every run). No vscode import.
import { listRuns } from '../../core/runs/runListing';
import { readRunLabel } from '../../core/runs/runLabel';
import { readRunFolder } from '../../core/runs/runReader';
import { isRunOfFile } from '../../core/runs/runSource';
import { errorMessage } from '../../shared/errorMessage';
import type { RunSnapshot } from '../../shared/protocol';
import type { ResultsTarget } from './resultsTarget';

/** Records of unselected runs a snapshot may carry (a record is a few kB with its curve). */
export const UNSELECTED_RECORD_BUDGET = 5000;

export interface SnapshotContents {
  /** Newest first. A run left out of the budget has `records: []`; the panel asks with select-runs. */
  runs: RunSnapshot[];
  selectedRunIds: string[];
  /** Folders that could not be read, described; the others are still shown. */
  problems: string[];
}

/**
 * `requestedRunIds` that no longer exist are dropped; with none left, the newest run of
 * `experimentFile` (workspace-relative; runs of another file of the same name come last) is
 * selected: what the user most likely wants to see.
 */
export function readSnapshot(
  target: ResultsTarget,
  requestedRunIds: readonly string[] = [],
  unselectedRecordBudget = UNSELECTED_RECORD_BUDGET,
  experimentFile?: string,
): SnapshotContents {
  const problems: string[] = [];
  const listings = listRuns(target.runsRoot, target.experimentName, (problem) => problems.push(problem));
  const existing = new Set(listings.map((listing) => listing.runId));
  let selectedRunIds = requestedRunIds.filter((runId) => existing.has(runId));
  const newest = listings.find((listing) => isRunOfFile(listing.manifest, experimentFile)) ?? listings[0];
  if (selectedRunIds.length === 0 && newest) selectedRunIds = [newest.runId];
  const selected = new Set(selectedRunIds);
  let budget = unselectedRecordBudget;
  const runs = listings.map((listing): RunSnapshot => {
    const wanted = selected.has(listing.runId) || listing.completedTrials <= budget;
    let records: RunSnapshot['records'] = [];
    if (wanted) {
      try {
        records = readRunFolder(listing.runDir).records;
      } catch (error) {
        problems.push(`${listing.runDir}: ${errorMessage(error)}`);
      }
      if (!selected.has(listing.runId)) budget -= records.length;
    }
    let label: string | undefined;
    try {
      label = readRunLabel(listing.runDir);
    } catch (error) {
      problems.push(errorMessage(error));
    }
    return { runId: listing.runId, runDir: listing.runDir, manifest: listing.manifest, records, ...(label ? { label } : {}) };
  });
  return { runs, selectedRunIds, problems };
}
