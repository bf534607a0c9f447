// "Cancel experiment": the run of the file it was invoked on, else of the active editor, else
// the only run, else the user's pick among the running ones.
import * as vscode from 'vscode';
import { experimentKey } from '../experimentFiles';
import type { LiveRun } from '../runner/liveRun';
import type { ExtensionServices } from '../services';

export async function cancelExperiment({ registry }: ExtensionServices, argument: unknown): Promise<void> {
  const run = await pickRun(registry.all(), argument);
  if (!run) return;
  run.cancel();
}

async function pickRun(runs: LiveRun[], argument: unknown): Promise<LiveRun | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No LTH experiment is running.'));
    return undefined;
  }
  const byKey = (uri: vscode.Uri | undefined) => uri && runs.find((run) => run.experimentKey === experimentKey(uri));
  if (argument instanceof vscode.Uri) {
    const run = byKey(argument);
    if (!run) void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not running.', vscode.workspace.asRelativePath(argument)));
    return run;
  }
  const active = byKey(vscode.window.activeTextEditor?.document.uri);
  if (active) return active;
  if (runs.length === 1) return runs[0];
  const items = runs.map((run) => ({
    label: run.experimentName,
    description: `${run.progress.completedTrials}/${run.progress.totalTrials} trials`,
    run,
  }));
  return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Experiment to cancel') }))?.run;
}
