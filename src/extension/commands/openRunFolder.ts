// "Open run folder": pick one of an experiment's runs (newest first) and show its folder.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { resolveExperimentFile, resultsTargetFor } from '../experimentFiles';
import { formatLocalMinute } from '../lensTitles';
import { revealRunFolder } from '../revealRunFolder';
import type { ExtensionServices } from '../services';

export async function openRunFolder({ log }: ExtensionServices, argument: unknown): Promise<void> {
  const file = await resolveExperimentFile(argument, 'open a run folder of');
  if (!file) return;
  const target = await resultsTargetFor(file);
  const { listRuns } = await import('../../core/runs/runListing');
  const runs = listRuns(target.runsRoot, target.experimentName, (problem) => log.warn(problem));
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no runs yet under {1}.', target.experimentName, target.runsRoot));
    return;
  }
  const items = runs.map((run) => ({
    label: basename(run.runDir),
    description: run.manifest.status,
    detail: `started ${formatLocalMinute(new Date(run.manifest.startedAt))}, ${run.completedTrials}/${run.manifest.totalTrials} trials`,
    runDir: run.runDir,
  }));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Run of {0} to open', target.experimentName) });
  if (picked) await revealRunFolder(picked.runDir);
}
