// The lenses at the top of every *.lth.json: run (or cancel, with progress, while it runs) and,
// when the experiment has runs, a way to its results that says how recent they are. Providing
// is cheap (the live run from the registry, the newest run from the run index); the results
// lens's trial count is resolved only when the lens is shown (resolveCodeLens).
import * as vscode from 'vscode';
import { errorMessage } from '../shared/errorMessage';
import { CommandId } from './commandIds';
import { experimentKey, resultsTargetFor } from './experimentFiles';
import { cancelLensTitle, resultsLensTitle, runLensTitle } from './lensTitles';
import type { Log } from './log';
import { BatchThrottle } from './panel/batchThrottle';
import type { RunRegistry } from './runner/runRegistry';
import { RunIndex } from './runIndex';

/** Lens refreshes while a run reports trials: at most this often. */
const REFRESH_INTERVAL_MS = 1000;

/** The results lens before it is resolved: what it needs to count its trials. */
class ResultsLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly file: vscode.Uri,
    readonly runDir: string,
    readonly startedAt: string,
    /** The live run's count when the newest run is the one running: it moves on faster than the disk is read. */
    readonly liveTrials: number | undefined,
  ) {
    super(range);
  }
}

export class ExperimentCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly refresh = new BatchThrottle<void>(REFRESH_INTERVAL_MS, () => this.changed.fire());
  readonly index: RunIndex;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly registry: RunRegistry,
    private readonly log: Log,
  ) {
    this.index = new RunIndex(log);
    this.subscriptions = [
      registry.onDidChange((change) => {
        if (change.kind === 'event' && change.event.type !== 'run-started') {
          this.refresh.push(); // a trial: the counts move, throttled
          return;
        }
        // A run started (a new folder, maybe) or ended (the Cancel lens must go): at once.
        this.index.forgetExperiment(change.run.runsRoot, change.run.experimentName);
        this.refresh.discard();
        this.changed.fire();
      }),
      this.index.onDidChange(() => this.refresh.push()),
      // A save may rename the experiment: new lenses, from what the index already knows.
      vscode.workspace.onDidSaveTextDocument(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('lthLab')) return;
        this.index.clear();
        this.changed.fire();
      }),
      this.index,
      this.changed,
      this.refresh,
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses: vscode.CodeLens[] = [];
    const live = this.registry.get(experimentKey(document.uri));
    if (live) {
      const { completedTrials, totalTrials } = live.progress;
      lenses.push(new vscode.CodeLens(top, { title: cancelLensTitle(vscode.l10n.t, completedTrials, totalTrials), command: CommandId.CancelExperiment, arguments: [document.uri] }));
    } else if (vscode.workspace.isTrusted) {
      lenses.push(new vscode.CodeLens(top, { title: runLensTitle(vscode.l10n.t), command: CommandId.RunExperiment, arguments: [document.uri] }));
    }
    if (document.uri.scheme !== 'file') return lenses;
    try {
      const target = await resultsTargetFor(document.uri);
      const newest = await this.index.newestRun(target.runsRoot, target.experimentName, vscode.workspace.asRelativePath(document.uri, false));
      if (newest) {
        const liveTrials = live && live.progress.runId === newest.runId ? live.progress.completedTrials : undefined;
        lenses.push(new ResultsLens(top, document.uri, newest.runDir, newest.manifest.startedAt, liveTrials));
      }
    } catch (error) {
      // Logged, not shown: lenses refresh often, and a run or the results command reports it properly.
      this.log.warn(`no results lens for ${document.uri.fsPath}: ${errorMessage(error)}`);
    }
    return lenses;
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!(lens instanceof ResultsLens)) return lens;
    let trials = lens.liveTrials;
    try {
      trials ??= await this.index.completedTrials(lens.runDir);
    } catch (error) {
      this.log.warn(`cannot count the trials of ${lens.runDir}: ${errorMessage(error)}`);
    }
    lens.command = { title: resultsLensTitle(vscode.l10n.t, new Date(lens.startedAt), trials), command: CommandId.ShowResults, arguments: [lens.file] };
    return lens;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
