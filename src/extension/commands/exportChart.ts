// "Export chart / data": asks the results panel for its charts as one PNG or its data as one
// CSV; the panel answers with a save-file message, which asks where to save.
import * as vscode from 'vscode';
import { isExperimentFile, resultsTargetFor } from '../experimentFiles';
import type { ExtensionServices } from '../services';

export async function exportChart({ panels }: ExtensionServices, argument: unknown): Promise<void> {
  let panel = panels.active();
  const active = vscode.window.activeTextEditor?.document.uri;
  const file = argument instanceof vscode.Uri ? argument : active && isExperimentFile(active) ? active : undefined;
  if (file) panel = panels.show(await resultsTargetFor(file));
  if (!panel) {
    void vscode.window.showInformationMessage('No results panel is open: run an experiment or use "LTH: Show results" first.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Charts as PNG', detail: 'All charts of the panel in one image', format: 'png' as const },
      { label: 'Data as CSV', detail: 'The data behind all charts in one table', format: 'csv' as const },
    ],
    { placeHolder: `Export the results of ${panel.target.experimentName}` },
  );
  if (picked) await panel.requestExport(picked.format);
}
