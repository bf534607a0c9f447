// A chart (PNG) or its data (CSV) the panel asked to save: the user picks where, the bytes go
// through workspace.fs so remote workspaces work too.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { fileContents, type SaveFileRequest } from './fileContents';

const FILTERS: Record<SaveFileRequest['kind'], Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  csv: { 'CSV table': ['csv'] },
};

/** Asks where to save (default: the workspace folder) and writes; undefined if the user cancelled. */
export async function savePanelFile(request: SaveFileRequest, defaultFolder: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const contents = fileContents(request);
  // basename: the name comes from the page and must not pick the folder.
  const name = basename(request.suggestedName) || `lth-export.${request.kind}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: defaultFolder ? vscode.Uri.joinPath(defaultFolder, name) : undefined,
    filters: FILTERS[request.kind],
    saveLabel: request.kind === 'png' ? 'Save chart' : 'Save data',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, contents);
  return target;
}
