// What the commands share, built once in activate().
import type * as vscode from 'vscode';
import type { ExperimentDiagnostics } from './diagnostics';
import type { Log } from './log';
import type { ResultsPanels } from './panel/resultsPanels';
import type { RunRegistry } from './runner/runRegistry';
import type { WarmTrainers } from './runner/warmTrainers';

export interface ExtensionServices {
  context: vscode.ExtensionContext;
  log: Log;
  registry: RunRegistry;
  diagnostics: ExperimentDiagnostics;
  panels: ResultsPanels;
  /** The trainer processes, kept warm between runs. */
  trainers: WarmTrainers;
}
