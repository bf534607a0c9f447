// Entry point. Activation only wires things up (lazy and cheap: the validator, the run reader
// and the trainer are loaded when first used) and logs how long it took.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { errorMessage } from '../shared/errorMessage';
import { ExperimentCodeLensProvider } from './codeLens';
import { registerCommands } from './commands/registerCommands';
import { ExperimentDiagnostics } from './diagnostics';
import { reportUnexpectedError } from './errorBoundary';
import { EXPERIMENT_GLOB, settingsFor } from './experimentFiles';
import { ExperimentsView } from './experimentsView';
import { createLog } from './log';
import { ExperimentQuickFixes } from './quickFixes';
import { ResultsPanels } from './panel/resultsPanels';
import { trackRunContextKeys } from './runContextKeys';
import { RunRegistry } from './runner/runRegistry';
import { TrainerProcess } from './runner/trainerProcess';
import { WarmTrainers } from './runner/warmTrainers';
import type { ExtensionServices } from './services';
import { DEFAULT_LIVE_UPDATE_INTERVAL_MS, readSettings, SETTINGS_SECTION } from './settings';
import { RunStatusBar } from './statusBar';
import { EXPERIMENTS_VIEW_ID } from './viewIds';
import { inHostTesting, type LthLabApi } from './testing';

let services: ExtensionServices | undefined;

export function activate(context: vscode.ExtensionContext): LthLabApi {
  const started = performance.now();
  const log = createLog();
  const registry = new RunRegistry((error) => reportUnexpectedError(log, 'updating the run views', error));
  const testing = inHostTesting(process.env);
  const panels = new ResultsPanels({
    context,
    log,
    registry,
    liveUpdateIntervalMs: () => liveUpdateIntervalMs(log),
    // The test hooks list what panels were sent; nobody else reads the record.
    recordMessages: testing !== undefined,
  });
  services = { context, log, registry, diagnostics: new ExperimentDiagnostics(log), panels, trainers: new WarmTrainers(() => forkTrainer(context)) };
  const codeLens = new ExperimentCodeLensProvider(registry, log);
  const experimentsView = new ExperimentsView();
  context.subscriptions.push(
    log,
    services.diagnostics,
    panels,
    codeLens,
    vscode.languages.registerCodeLensProvider({ pattern: EXPERIMENT_GLOB }, codeLens),
    vscode.languages.registerCodeActionsProvider({ pattern: EXPERIMENT_GLOB }, new ExperimentQuickFixes(services.diagnostics), ExperimentQuickFixes.metadata),
    experimentsView,
    vscode.window.registerTreeDataProvider(EXPERIMENTS_VIEW_ID, experimentsView),
    new RunStatusBar(registry),
    trackRunContextKeys(registry),
    ...registerCommands(services),
  );
  const activationMs = performance.now() - started;
  log.info(`LTH Lab activated in ${activationMs.toFixed(1)} ms`);
  return testing?.start(services, activationMs, { runIndex: codeLens.index, experimentsView }) ?? {};
}

/** Stops every run and ends the trainers (the children must not outlive the host), waiting for them to exit. */
export async function deactivate(): Promise<void> {
  await services?.registry.stopAll();
  await services?.trainers.dispose();
  services = undefined;
}

/** A new trainer child (forked when a run needs one, not at activation). */
function forkTrainer(context: vscode.ExtensionContext): TrainerProcess {
  const trainerPath = context.asAbsolutePath('dist/trainer.js');
  if (!existsSync(trainerPath)) throw new Error(`the trainer bundle ${trainerPath} is missing; build the extension (npm run build)`);
  return new TrainerProcess(trainerPath);
}

/** The throttle for panel appends, from the settings of the first workspace folder. */
function liveUpdateIntervalMs(log: ReturnType<typeof createLog>): number {
  const folder = vscode.workspace.workspaceFolders?.[0];
  try {
    if (folder) return settingsFor(folder.uri).liveUpdateIntervalMs;
    return readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION), '.').liveUpdateIntervalMs;
  } catch (error) {
    log.warn(`${errorMessage(error)}; using ${DEFAULT_LIVE_UPDATE_INTERVAL_MS} ms`);
    return DEFAULT_LIVE_UPDATE_INTERVAL_MS;
  }
}
