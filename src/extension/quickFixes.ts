// Quick fixes for the problems that have one likely correction (ExperimentProblem.fix): a misspelt
// name ("did you mean ...") becomes the name, a value out of range the nearest allowed one.
import * as vscode from 'vscode';
import type { ExperimentDiagnostics } from './diagnostics';

export class ExperimentQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: ExperimentDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const fix = this.diagnostics.problemOf(document.uri, diagnostic)?.fix;
      if (fix === undefined) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, JSON.stringify(fix.replacement));
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }
}
