// "New experiment from preset": copies one of the bundled examples/ into the workspace through
// a WorkspaceEdit (so Undo removes it again), never replacing a file without asking, and
// opens it.
import * as vscode from 'vscode';
import { EXPERIMENT_SUFFIX } from '../experimentFiles';
import type { ExtensionServices } from '../services';

interface PresetItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
  fileName: string;
}

/**
 * `argument`: the folder (or a file in it) to create the experiment in, as the explorer passes it.
 * `presetName` (e.g. "phase-transition") skips the pick, for links and tests.
 */
export async function newExperimentFromPreset({ context }: ExtensionServices, argument: unknown, presetName?: unknown): Promise<vscode.Uri | undefined> {
  const preset = await pickPreset(vscode.Uri.joinPath(context.extensionUri, 'examples'), presetName);
  if (!preset) return undefined;
  const { presetForWorkspace } = await import('../presetText');
  const contents = new TextEncoder().encode(presetForWorkspace(new TextDecoder().decode(await vscode.workspace.fs.readFile(preset.uri))));
  const target = await chooseTarget(preset.fileName, argument);
  if (!target) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target.uri, { contents, overwrite: target.replace });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not create ${target.uri.fsPath}`);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target.uri));
  return target.uri;
}

async function pickPreset(examples: vscode.Uri, presetName: unknown): Promise<PresetItem | undefined> {
  const entries = await vscode.workspace.fs.readDirectory(examples);
  const presetFiles = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith(EXPERIMENT_SUFFIX))
    .map(([name]) => name)
    .sort();
  if (presetFiles.length === 0) throw new Error(`no presets found in ${examples.fsPath} (expected *${EXPERIMENT_SUFFIX} files)`);
  const { presetDescription } = await import('../presetText');
  const items = await Promise.all(
    presetFiles.map(async (fileName): Promise<PresetItem> => {
      const uri = vscode.Uri.joinPath(examples, fileName);
      const detail = presetDescription(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      return { label: fileName.slice(0, -EXPERIMENT_SUFFIX.length), detail, uri, fileName };
    }),
  );
  if (presetName !== undefined) {
    const named = items.find((item) => item.label === presetName);
    if (!named) throw new Error(`no preset named ${JSON.stringify(presetName)}; expected one of ${items.map((item) => item.label).join(', ')}`);
    return named;
  }
  return vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Preset to copy into the workspace'), matchOnDetail: true });
}

/** Where the copy goes: the folder it was invoked on, else a workspace folder, else a save dialog. */
async function chooseTarget(fileName: string, argument: unknown): Promise<{ uri: vscode.Uri; replace: boolean } | undefined> {
  const folder = await targetFolder(argument);
  if (!folder) return saveAs(undefined, fileName);
  const uri = vscode.Uri.joinPath(folder, fileName);
  if (!(await exists(uri))) return { uri, replace: false };
  // "Save as…" first: the button Enter presses must not overwrite the user's edits.
  const other = vscode.l10n.t('Save as…');
  const openExisting = vscode.l10n.t('Open the existing file');
  const replace = vscode.l10n.t('Replace');
  const picked = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already exists.', vscode.workspace.asRelativePath(uri)),
    { modal: true, detail: vscode.l10n.t('Replacing it loses its changes.') },
    other,
    openExisting,
    replace,
  );
  if (picked === other) return saveAs(folder, fileName);
  if (picked === openExisting) {
    await vscode.window.showTextDocument(uri);
    return undefined;
  }
  if (picked === replace) return { uri, replace: true };
  return undefined;
}

async function targetFolder(argument: unknown): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) {
    const stat = await vscode.workspace.fs.stat(argument);
    return stat.type & vscode.FileType.Directory ? argument : vscode.Uri.joinPath(argument, '..');
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Workspace folder for the new experiment') }))?.uri;
}

/** The save dialog confirms replacing an existing file itself. */
async function saveAs(folder: vscode.Uri | undefined, fileName: string): Promise<{ uri: vscode.Uri; replace: boolean } | undefined> {
  const uri = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: { 'LTH experiment': ['json'] },
    saveLabel: vscode.l10n.t('Create experiment'),
  });
  return uri && { uri, replace: true };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
