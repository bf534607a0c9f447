// The checks of `lth validate` as diagnostics (source "LTH Lab") on open and save of every
// *.lth.json. The JSON schema (contributes.jsonValidation) gives live squiggles while typing;
// these add what a schema cannot say (r <= d, step size range, ...) and are what a run obeys.
import * as vscode from 'vscode';
import type { ExperimentParseResult } from '../core/config/parseExperimentText';
import type { ExperimentProblem } from '../core/config/experimentProblem';
import { reportUnexpectedError } from './errorBoundary';
import { isExperimentFile } from './experimentFiles';
import type { Log } from './log';

export const DIAGNOSTIC_SOURCE = 'LTH Lab';

export class ExperimentDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lthLab');
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: Log) {
    const checkSafely = (document: vscode.TextDocument) => {
      if (!isExperimentFile(document.uri)) return;
      this.check(document).catch((error) => reportUnexpectedError(log, `checking ${document.uri.fsPath}`, error));
    };
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument(checkSafely),
      vscode.workspace.onDidSaveTextDocument(checkSafely),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) checkSafely(document);
  }

  /** Validates `document` as it is now, publishes its diagnostics and returns the result. */
  async check(document: vscode.TextDocument): Promise<ExperimentParseResult> {
    // Imported on first use: the validator (TypeBox, jsonc-parser) is not needed to activate.
    const { parseExperimentText } = await import('../core/config/parseExperimentText');
    const result = parseExperimentText(document.getText(), document.uri.fsPath);
    this.collection.set(document.uri, result.problems.map(toDiagnostic));
    const errors = result.problems.filter((problem) => problem.severity === 'error').length;
    this.log.debug(`checked ${document.uri.fsPath}: ${errors} errors, ${result.problems.length - errors} warnings`);
    return result;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

const DIAGNOSTIC_SEVERITY: Record<ExperimentProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(problem: ExperimentProblem): vscode.Diagnostic {
  // Problems are 1-based with an exclusive end; VS Code positions are 0-based.
  const range = new vscode.Range(problem.line - 1, problem.column - 1, problem.endLine - 1, problem.endColumn - 1);
  const message = problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
  const severity = DIAGNOSTIC_SEVERITY[problem.severity];
  const diagnostic = new vscode.Diagnostic(range, message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  return diagnostic;
}
