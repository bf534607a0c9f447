// The lenses at the top of every *.lth.json: run (or cancel, with progress, while it runs) and,
// when the experiment has runs, a way to its results that says how recent they are.
import * as vscode from 'vscode';
import type { RunListing } from '../core/runs/runListing';
import { errorMessage } from '../shared/errorMessage';
import { CommandId } from './commandIds';
import { experimentKey, resultsTargetFor } from './experimentFiles';
import { cancelLensTitle, RUN_LENS_TITLE, resultsLensTitle } from './lensTitles';
import type { Log } from './log';
import { BatchThrottle } from './panel/batchThrottle';
import { resultsTargetKey } from './panel/resultsTarget';
import type { RunRegistry } from './runner/runRegistry';

/** Lens refreshes while a run reports trials: at most this often. */
const REFRESH_INTERVAL_MS = 1000;

export class ExperimentCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly refresh = new BatchThrottle<void>(REFRESH_INTERVAL_MS, () => this.changed.fire());
  /** Newest run per experiment (runs root + name); listing reads the run folders, so it is cached. */
  private readonly lastRuns = new Map<string, RunListing | null>();
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly registry: RunRegistry,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      registry.onDidChange((change) => {
        // Only a run's start and end change which runs exist; trial events change counts.
        if (change.kind !== 'event' || change.event.type === 'run-started') this.lastRuns.clear();
        this.refresh.push();
      }),
      vscode.workspace.onDidSaveTextDocument(() => this.invalidate()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('lthLab') && this.invalidate()),
      this.changed,
      this.refresh,
    ];
  }

  /** Forgets the cached runs and asks VS Code for fresh lenses. */
  invalidate(): void {
    this.lastRuns.clear();
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses: vscode.CodeLens[] = [];
    const live = this.registry.get(experimentKey(document.uri));
    if (live) {
      const { completedTrials, totalTrials } = live.progress;
      lenses.push(new vscode.CodeLens(top, { title: cancelLensTitle(completedTrials, totalTrials), command: CommandId.CancelExperiment, arguments: [document.uri] }));
    } else if (vscode.workspace.isTrusted) {
      lenses.push(new vscode.CodeLens(top, { title: RUN_LENS_TITLE, command: CommandId.RunExperiment, arguments: [document.uri] }));
    }
    try {
      const last = await this.lastRun(document.uri);
      if (last) {
        // The newest run may be the live one: its count on disk moves on, the registry knows it.
        const trials = live && live.progress.runId === last.runId ? live.progress.completedTrials : last.completedTrials;
        const title = resultsLensTitle(new Date(last.manifest.startedAt), trials);
        lenses.push(new vscode.CodeLens(top, { title, command: CommandId.ShowResults, arguments: [document.uri] }));
      }
    } catch (error) {
      // Logged, not shown: lenses refresh often, and a run or the results command reports it properly.
      this.log.warn(`no results lens for ${document.uri.fsPath}: ${errorMessage(error)}`);
    }
    return lenses;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async lastRun(file: vscode.Uri): Promise<RunListing | undefined> {
    if (file.scheme !== 'file') return undefined;
    const target = await resultsTargetFor(file);
    const key = resultsTargetKey(target);
    if (!this.lastRuns.has(key)) {
      const { listRuns } = await import('../core/runs/runListing');
      const runs = listRuns(target.runsRoot, target.experimentName, (problem) => this.log.warn(problem));
      this.lastRuns.set(key, runs[0] ?? null);
    }
    return this.lastRuns.get(key) ?? undefined;
  }
}
