// "Run LTH experiment": check, fork the trainer, show progress, open the results beside, and
// say how it ended. Refused in untrusted workspaces, for invalid files and while the same
// file already runs.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ExperimentProblem } from '../../core/config/experimentProblem';
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { RunListing } from '../../core/runs/runListing';
import type { RunEvent, TrainerLaunch } from '../../shared/protocol';
import { CommandId } from '../commandIds';
import { showErrorWithLog } from '../errorBoundary';
import { experimentKey, resolveExperimentFile, settingsFor } from '../experimentFiles';
import { LiveRun, type FinishedRun, type TrainerHandle } from '../runner/liveRun';
import { showRunProgress } from '../runner/runProgress';
import type { Log } from '../log';
import type { ExtensionServices } from '../services';


/** Resolves when the run has ended (undefined when it did not start). */
export async function runExperiment(services: ExtensionServices, argument: unknown): Promise<FinishedRun | undefined> {
  const { log, registry, diagnostics, panels } = services;
  if (!vscode.workspace.isTrusted) {
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const message = vscode.l10n.t(
      'LTH Lab runs experiments only in trusted workspaces: a run starts processes and writes files where this workspace\'s settings say. Viewing results works without trust.',
    );
    // Messages are not awaited: the command must not hang until the user closes a notification.
    void vscode.window.showWarningMessage(message, manage).then((picked) => picked === manage && vscode.commands.executeCommand('workbench.trust.manage'));
    return undefined;
  }
  const file = await resolveExperimentFile(argument, 'run');
  if (!file) return undefined;
  if (file.scheme !== 'file') throw new Error(`cannot run ${file.toString()}: the trainer reads experiment files from disk, and this one is not on disk (scheme "${file.scheme}")`);
  if (isAlreadyRunning(services, file)) return undefined;

  // The trainer reads the file from disk: run what the user sees.
  const document = await vscode.workspace.openTextDocument(file);
  if (document.isDirty && !(await document.save())) throw new Error(`${basename(file.fsPath)} has unsaved changes that could not be saved`);
  const checked = await diagnostics.check(document);
  if (!checked.ok) {
    refuseInvalid(services, file, checked.problems);
    return undefined;
  }
  const settings = settingsFor(file);
  // Runs are matched to their file by this path (a copy of a file keeps its name).
  const experimentFile = vscode.workspace.asRelativePath(file, false);
  const resume = await resumableRun(log, settings.runsRoot, checked.experiment, experimentFile);
  const launch: TrainerLaunch = {
    configPath: file.fsPath,
    outDir: settings.runsRoot,
    experimentFile,
    ...(resume ? { resumeDir: resume.runDir } : {}),
    ...(settings.workers ? { workers: settings.workers } : {}),
  };
  const folder = resume ? `resuming ${resume.runDir}, ${resume.completedTrials}/${resume.manifest.totalTrials} trials on disk` : `new folder under ${settings.runsRoot}`;
  log.info(`running ${file.fsPath} (${folder}; workers: ${settings.workers ?? 'all cores'})`);

  // Checked again: a second click may have started this file while the checks above awaited.
  // From here to registry.add nothing awaits, so no two trainers run one file.
  if (isAlreadyRunning(services, file)) return undefined;
  const experimentName = checked.experiment.name;
  const run = new LiveRun(experimentKey(file), experimentName, settings.runsRoot, (onEvent) => startTrainer(services, launch, experimentName, onEvent));
  registry.add(run);
  panels.show({ experimentName, runsRoot: settings.runsRoot, experimentFile: file.toString() }, true);
  showRunProgress(run);

  const finished = await run.finished;
  log.info(`${experimentName}: ${finished.status}: ${finished.message}`);
  void announce(log, experimentName, finished, file);
  return finished;
}

/** Tells the user (without waiting for them) when `file` already runs. */
function isAlreadyRunning({ registry }: ExtensionServices, file: vscode.Uri): boolean {
  const running = registry.get(experimentKey(file));
  if (!running) return false;
  const cancel = vscode.l10n.t('Cancel it');
  const showResults = vscode.l10n.t('Show results');
  const message = vscode.l10n.t('{0} is already running ({1}/{2} trials).', running.experimentName, running.progress.completedTrials, running.progress.totalTrials);
  void vscode.window.showInformationMessage(message, showResults, cancel).then((picked) => {
    if (picked === showResults) void vscode.commands.executeCommand(CommandId.ShowResults, file);
    if (picked === cancel) running.cancel();
  });
  return true;
}

/** Shows the first problem (the Problems view has them all) until the file checks clean. */
export function refuseInvalid({ log, diagnostics }: ExtensionServices, file: vscode.Uri, problems: readonly ExperimentProblem[]): void {
  const first = problems.find((problem) => problem.severity === 'error') ?? problems[0];
  const where = first.path === '' ? `line ${first.line}` : `${first.path} (line ${first.line})`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more in the Problems view)` : '';
  diagnostics.refusals.show(file, vscode.l10n.t('Cannot run {0}: {1}: {2}{3}', basename(file.fsPath), where, first.message, more));
  log.info(`refused to run ${file.fsPath}: ${problems.length} problems, first: ${where}: ${first.message}`);
}

function startTrainer({ log, trainers }: ExtensionServices, launch: TrainerLaunch, experimentName: string, onEvent: (event: RunEvent) => void): TrainerHandle {
  const prefix = `[trainer ${experimentName}]`;
  return trainers.start(launch, {
    onEvent: (event) => {
      logEvent(log, prefix, event);
      onEvent(event);
    },
    onOutput: (line, stream) => {
      if (stream === 'stderr') log.warn(`${prefix} ${line}`);
      else log.info(`${prefix} ${line}`);
    },
    onMalformedMessage: (problem) => log.warn(`${prefix} malformed message dropped: ${problem}`),
  });
}

/**
 * The unfinished run folder of the same trials to continue, if there is one: the re-run rule of
 * `lth run` (runToContinue). When the newest such run completed, Run starts a new folder (as
 * `lth run --new`): the Run button is an explicit request, and Show results has the old ones.
 */
async function resumableRun(log: Log, runsRoot: string, experiment: ResolvedExperiment, experimentFile: string): Promise<RunListing | undefined> {
  const [{ listRuns }, { experimentHash }, { runToContinue }] = await Promise.all([
    import('../../core/runs/runListing'),
    import('../../core/sweep/experimentHash'),
    import('../../core/runs/runToContinue'),
  ]);
  const listings = listRuns(runsRoot, experiment.name, (problem) => log.warn(problem));
  const latest = runToContinue(listings, experimentHash(experiment), undefined, experimentFile);
  return latest.kind === 'unfinished' ? latest.run : undefined;
}

async function announce(log: Log, experimentName: string, finished: FinishedRun, file: vscode.Uri): Promise<void> {
  const text = `LTH ${experimentName}: ${finished.message}`;
  const showResults = vscode.l10n.t('Show results');
  const picked =
    finished.status === 'failed'
      ? await showErrorWithLog(log, text, showResults)
      : await vscode.window.showInformationMessage(text, showResults);
  if (picked === showResults) await vscode.commands.executeCommand(CommandId.ShowResults, file);
}

function logEvent(log: Log, prefix: string, event: RunEvent): void {
  switch (event.type) {
    case 'run-started': {
      const resumed = event.completedTrials > 0 ? `, resuming with ${event.completedTrials} trials on disk` : '';
      log.info(`${prefix} run folder ${event.runDir}: ${event.totalTrials} trials${resumed}`);
      return;
    }
    case 'trial-completed':
      log.trace(`${prefix} trial ${event.completedTrials}/${event.totalTrials}: cell ${event.record.cell}, trial ${event.record.trial}`);
      return;
    case 'run-finished':
      log.info(`${prefix} ${event.status} after ${event.seconds.toFixed(1)} s, ${event.completedTrials}/${event.totalTrials} trials${event.message ? `: ${event.message}` : ''}`);
      return;
    case 'log':
      log[event.level](`${prefix} ${event.message}`);
      return;
  }
}
