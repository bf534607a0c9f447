// "Export chart / data": asks the results panel for its charts as one PNG (as shown, or for
// publication) or its data as one CSV (the charts' points, or every trial); the panel answers
// with a save-file message, which asks where to save.
import * as vscode from 'vscode';
import { isExperimentFile, resultsTargetFor } from '../experimentFiles';
import type { ExportRequest } from '../panel/resultsPanel';
import type { ExtensionServices } from '../services';

export async function exportChart({ panels }: ExtensionServices, argument: unknown): Promise<void> {
  let panel = panels.active();
  const active = vscode.window.activeTextEditor?.document.uri;
  const file = argument instanceof vscode.Uri ? argument : active && isExperimentFile(active) ? active : undefined;
  if (file) panel = panels.show(await resultsTargetFor(file));
  if (!panel) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No results panel is open: run an experiment or use "LTH: Show results" first.'));
    return;
  }
  const choices: (vscode.QuickPickItem & { request: ExportRequest })[] = [
    { label: vscode.l10n.t('Charts as PNG'), detail: vscode.l10n.t('All charts of the panel in one image, as shown, captioned with the experiment and run'), request: { kind: 'png' } },
    {
      label: vscode.l10n.t('Charts as PNG for publication'),
      detail: vscode.l10n.t('White background, print-sized text, three times the resolution'),
      request: { kind: 'png', publication: true },
    },
    { label: vscode.l10n.t('Chart data as CSV'), detail: vscode.l10n.t('Every plotted point: trials, mean, median, std, min and max of the metric'), request: { kind: 'csv' } },
    { label: vscode.l10n.t('Trials as CSV'), detail: vscode.l10n.t('One row per trial: its sweep values, seed and every metric'), request: { kind: 'csv', perTrial: true } },
  ];
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Export the results of {0}', panel.target.experimentName) });
  if (picked) await panel.requestExport(picked.request);
}
