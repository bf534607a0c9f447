// The "LTH Experiments" view in the Explorer: the workspace's experiment files, each opening its
// file. Empty, it shows the manifest's welcome content (viewsWelcome): start from a preset, or
// take the getting-started walkthrough.
import * as vscode from 'vscode';
import { EXPERIMENT_GLOB } from './experimentFiles';
/** Run folders and dependencies hold no experiment files of the user's. */
const EXCLUDE = '**/{node_modules,.lth,.git}/**';
/** A workspace with more experiment files than this lists the first ones only. */
const MAX_FILES = 500;

export class ExperimentsView implements vscode.TreeDataProvider<vscode.Uri>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(EXPERIMENT_GLOB, false, true, false);
    this.subscriptions = [
      watcher,
      watcher.onDidCreate(() => this.changed.fire()),
      watcher.onDidDelete(() => this.changed.fire()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()),
      this.changed,
    ];
  }

  async getChildren(element?: vscode.Uri): Promise<vscode.Uri[]> {
    if (element) return [];
    const files = await vscode.workspace.findFiles(EXPERIMENT_GLOB, EXCLUDE, MAX_FILES);
    return files.sort((left, right) => vscode.workspace.asRelativePath(left).localeCompare(vscode.workspace.asRelativePath(right)));
  }

  getTreeItem(file: vscode.Uri): vscode.TreeItem {
    const item = new vscode.TreeItem(file, vscode.TreeItemCollapsibleState.None);
    const relative = vscode.workspace.asRelativePath(file, false);
    const folder = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
    item.description = folder;
    item.tooltip = relative;
    item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [file] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
