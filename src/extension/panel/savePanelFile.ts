// A chart (PNG) or its data (CSV) the panel asked to save: the user picks where (the dialog opens
// in the folder of the last export, else beside the experiment file — never a silent write into
// the workspace root), the bytes go through workspace.fs so remote workspaces work too, and a
// confirmation offers to open the file.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { fileContents, type SaveFileRequest } from './fileContents';

const FILTERS: Record<SaveFileRequest['kind'], Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  csv: { 'CSV table': ['csv'] },
};

/** workspaceState key of the folder the last export went to. */
export const LAST_EXPORT_FOLDER_KEY = 'lthLab.lastExportFolder';

export interface ExportFolders {
  /** Remembers the last export's folder (the workspace's state). */
  memory: vscode.Memento;
  /** The dialog's folder before the first export. */
  fallback: vscode.Uri | undefined;
}

/** Asks where to save and writes; undefined if the user cancelled. */
export async function savePanelFile(request: SaveFileRequest, folders: ExportFolders): Promise<vscode.Uri | undefined> {
  const contents = fileContents(request);
  // basename: the name comes from the page and must not pick the folder.
  const name = basename(request.suggestedName) || `lth-export.${request.kind}`;
  const remembered = folders.memory.get<string>(LAST_EXPORT_FOLDER_KEY);
  const folder = remembered ? vscode.Uri.parse(remembered) : folders.fallback;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: FILTERS[request.kind],
    saveLabel: request.kind === 'png' ? vscode.l10n.t('Save chart') : vscode.l10n.t('Save data'),
    title: vscode.l10n.t('Export {0}', name),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, contents);
  await folders.memory.update(LAST_EXPORT_FOLDER_KEY, vscode.Uri.joinPath(target, '..').toString());
  const open = vscode.l10n.t('Open');
  // Not awaited: the export is done; the user may leave the confirmation unanswered.
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', vscode.workspace.asRelativePath(target)), open).then((picked) => {
    if (picked === open) void vscode.commands.executeCommand('vscode.open', target);
  });
  return target;
}
