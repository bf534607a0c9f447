// Shows a run folder: in the OS file manager on a local desktop, in the Explorer otherwise
// (remote, web and code-server hosts have no OS file manager to open).
import * as vscode from 'vscode';

export async function revealRunFolder(runDir: string): Promise<void> {
  const uri = vscode.Uri.file(runDir);
  const local = vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined;
  if (local) await vscode.commands.executeCommand('revealFileInOS', uri);
  else if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
  else await vscode.window.showInformationMessage(vscode.l10n.t('The run folder is {0}', runDir));
}
