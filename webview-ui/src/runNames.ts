// How runs shown together are named in legends, titles and tables: the user's label when it has
// one; else what tells it apart — the swept values that differ between the runs (runsGrid's
// label) and the other settings that differ (η 2 vs η 5), so an overlay reads as a comparison.
import { configDifferenceTable } from '../../src/core/analysis/configDiff';
import type { RunView } from './panelStore';

/** Differences that are no setting of the trials (a name, a description), or already in runsGrid's label (the axes). */
function tellsApart(path: string): boolean {
  return !path.startsWith('axes.') && path !== 'name' && path !== 'description';
}

export function runNames(runs: readonly RunView[], gridLabels: ReadonlyMap<string, string>): Map<string, string> {
  const differences = runs.length > 1 ? configDifferenceTable(runs.map((run) => run.manifest.resolved)).filter((row) => tellsApart(row.path)).slice(0, 2) : [];
  return new Map(
    runs.map((run, index) => {
      if (run.label) return [run.runId, run.label];
      const settings = differences.map((row) => `${row.path} ${row.values[index]}`);
      return [run.runId, [gridLabels.get(run.runId) ?? run.runId, ...settings].filter(Boolean).join(', ')];
    }),
  );
}
