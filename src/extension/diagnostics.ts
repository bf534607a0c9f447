// The checks of `lth validate` as diagnostics (source "LTH Lab") on every *.lth.json, as you type
// (debounced), on open and on save. They are the one report of each mistake: the JSON editor's
// schema (contributes.jsonValidation, schemas/lth.editor.schema.json) documents and completes but
// does not validate, and the JSON editor's own syntax errors are left to it. A refused run's
// notice closes once its file checks clean.
import * as vscode from 'vscode';
import type { ExperimentParseResult } from '../core/config/parseExperimentText';
import type { ExperimentProblem } from '../core/config/experimentProblem';
import { reportUnexpectedError } from './errorBoundary';
import { isExperimentFile } from './experimentFiles';
import type { Log } from './log';
import { RefusalNotices } from './refusalNotices';

export const DIAGNOSTIC_SOURCE = 'LTH Lab';
/** Quiet time after the last keystroke before a file is checked again. */
const TYPING_DELAY_MS = 300;

export class ExperimentDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lthLab');
  /** The problems behind each file's diagnostics, for the quick fixes. */
  private readonly problemsByFile = new Map<string, readonly ExperimentProblem[]>();
  private readonly pendingChecks = new Map<string, NodeJS.Timeout>();
  readonly refusals = new RefusalNotices();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: Log) {
    const checkSafely = (document: vscode.TextDocument) => {
      if (!isExperimentFile(document.uri)) return;
      this.check(document).catch((error) => reportUnexpectedError(log, `checking ${document.uri.fsPath}`, error));
    };
    const checkSoon = (document: vscode.TextDocument) => {
      if (!isExperimentFile(document.uri)) return;
      const key = document.uri.toString();
      clearTimeout(this.pendingChecks.get(key));
      this.pendingChecks.set(key, setTimeout(() => {
        this.pendingChecks.delete(key);
        checkSafely(document);
      }, TYPING_DELAY_MS));
    };
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument(checkSafely),
      vscode.workspace.onDidChangeTextDocument((change) => change.contentChanges.length > 0 && checkSoon(change.document)),
      vscode.workspace.onDidSaveTextDocument(checkSafely),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) checkSafely(document);
  }

  /** Validates `document` as it is now, publishes its diagnostics and returns the result. */
  async check(document: vscode.TextDocument): Promise<ExperimentParseResult> {
    // Imported on first use: the validator (TypeBox, jsonc-parser) is not needed to activate.
    const { parseExperimentText } = await import('../core/config/parseExperimentText');
    const text = document.getText();
    const result = parseExperimentText(text, document.uri.fsPath);
    // The JSON editor underlines syntax errors and duplicate keys itself, as they are typed (but
    // says nothing of an empty file).
    const shown = !result.ok && result.stage === 'syntax' && text.trim() !== '' ? [] : result.problems;
    this.problemsByFile.set(document.uri.toString(), shown);
    this.collection.set(document.uri, shown.map(toDiagnostic));
    if (result.ok) this.refusals.dismiss(document.uri);
    const errors = result.problems.filter((problem) => problem.severity === 'error').length;
    this.log.debug(`checked ${document.uri.fsPath}: ${errors} errors, ${result.problems.length - errors} warnings`);
    return result;
  }

  /** The problem a diagnostic of this collection shows, to fix it. */
  problemOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): ExperimentProblem | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
    return this.problemsByFile.get(uri.toString())?.find((problem) => problemRange(problem).isEqual(diagnostic.range) && diagnosticMessage(problem) === diagnostic.message);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pendingChecks.get(key));
    this.pendingChecks.delete(key);
    this.problemsByFile.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pendingChecks.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.refusals.dispose();
    this.collection.dispose();
  }
}

const DIAGNOSTIC_SEVERITY: Record<ExperimentProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** Problems are 1-based with an exclusive end; VS Code positions are 0-based. */
export function problemRange(problem: ExperimentProblem): vscode.Range {
  return new vscode.Range(problem.line - 1, problem.column - 1, problem.endLine - 1, problem.endColumn - 1);
}

function diagnosticMessage(problem: ExperimentProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

function toDiagnostic(problem: ExperimentProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(problemRange(problem), diagnosticMessage(problem), DIAGNOSTIC_SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  return diagnostic;
}
