// What a run left, checked the way every e2e scenario checks it: its folder on disk complete, and
// a results panel whose charts hold exactly its records.
import { chartMismatches } from './chartExpectations';
import { describePanels, panelSnapshots, type PanelSnapshot } from './panelCharts';
import { pollUntil } from './poll';
import { describeRuns, runsOnDisk, type RunOnDisk } from './runFolders';
import type { E2ESession } from './session';

/** Waits for one finished run folder of `experiment` holding all its trials. */
export async function completedRun(session: E2ESession, experiment: string, timeoutMs = 60_000): Promise<RunOnDisk> {
  const runs = await pollUntil(
    async () => runsOnDisk(session.workspaceDir, experiment),
    (found) => found.some((run) => run.status === 'completed' && run.records.length === run.totalTrials && run.totalTrials > 0),
    { expected: `a completed run folder of "${experiment}" with all its trials`, timeoutMs, describeLast: (found) => describeRuns(found ?? []) },
  );
  return runs.filter((run) => run.status === 'completed').at(-1)!;
}

/** Waits until some panel's charts hold exactly `records`; returns that panel. */
export async function panelShowing(session: E2ESession, records: RunOnDisk['records'], what: string, timeoutMs = 30_000): Promise<PanelSnapshot> {
  let lastPanels: PanelSnapshot[] = [];
  const panels = await pollUntil(
    async () => (lastPanels = await panelSnapshots(session.page)),
    (found) => found.some((panel) => chartMismatches(panel, records).length === 0),
    {
      expected: `the panel's charts to hold the ${records.length} trials of ${what}`,
      timeoutMs,
      describeLast: () =>
        `${describePanels(lastPanels)}; mismatches: ${JSON.stringify(lastPanels.map((panel) => chartMismatches(panel, records).slice(0, 3)))}`,
    },
  );
  return panels.find((panel) => chartMismatches(panel, records).length === 0)!;
}
