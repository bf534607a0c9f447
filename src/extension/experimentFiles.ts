// Finding the experiment file a command is about, and where its runs go.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { ResultsTarget } from './panel/resultsTarget';
import { readSettings, SETTINGS_SECTION, type LthSettings } from './settings';

export const EXPERIMENT_GLOB = '**/*.lth.json';
export const EXPERIMENT_SUFFIX = '.lth.json';

export function isExperimentFile(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(EXPERIMENT_SUFFIX);
}

/** The key under which runs, panels and lenses of one experiment file are tracked. */
export function experimentKey(uri: vscode.Uri): string {
  return uri.toString();
}

/**
 * The experiment file a command targets: the Uri it was invoked with (editor title, explorer,
 * CodeLens), else the active editor's file, else the user's pick among the workspace's
 * *.lth.json files. Undefined when the user dismissed the pick.
 */
export async function resolveExperimentFile(argument: unknown, purpose: string): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) {
    if (!isExperimentFile(argument)) throw new Error(`${argument.fsPath} is not an experiment file (expected a name ending in ${EXPERIMENT_SUFFIX})`);
    return argument;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isExperimentFile(active)) return active;
  return pickExperimentFile(purpose);
}

export async function pickExperimentFile(purpose: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(EXPERIMENT_GLOB, '**/node_modules/**');
  if (files.length === 0) {
    const create = vscode.l10n.t('New experiment from preset');
    const picked = await vscode.window.showInformationMessage(vscode.l10n.t('No {0} file in this workspace to {1}.', EXPERIMENT_SUFFIX, purpose), create);
    if (picked === create) await vscode.commands.executeCommand(CommandId.NewExperimentFromPreset);
    return undefined;
  }
  if (files.length === 1) return files[0];
  const items = files
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
    .sort((left, right) => left.label.localeCompare(right.label));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Experiment file to {0}', purpose) });
  return picked?.uri;
}

/** The folder a relative lthLab.runsFolder is taken from: the file's workspace folder, else its own folder. */
export function baseFolderOf(file: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath ?? dirname(file.fsPath);
}

export function settingsFor(file: vscode.Uri): LthSettings {
  return readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION, file), baseFolderOf(file));
}

/** The runs a results panel of `file` shows: its experiment's name (even if the file is invalid) under its runs root. */
export async function resultsTargetFor(file: vscode.Uri): Promise<ResultsTarget> {
  const { experimentNameOf } = await import('./experimentName');
  // The editor's text when the file is open (what the user sees), else the file on disk.
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === file.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  return {
    experimentName: experimentNameOf(text, file.fsPath),
    runsRoot: settingsFor(file).runsRoot,
    experimentFile: file.toString(),
  };
}
