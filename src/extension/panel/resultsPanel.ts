// The results panel of one experiment: a snapshot of its runs from disk on every page load,
// then, while a run of it is live, its new trials in throttled batches and its status.
import * as vscode from 'vscode';
import type { HostToPanelMessage } from '../../shared/protocol';
import type { TrialRecord } from '../../shared/trialRecord';
import type { RunStatus } from '../../shared/runManifest';
import { trialKey } from '../../shared/trialRecord';
import { errorMessage } from '../../shared/errorMessage';
import { revealRunFolder } from '../revealRunFolder';
import type { LiveRun } from '../runner/liveRun';
import type { RunChange, RunRegistry } from '../runner/runRegistry';
import type { Log } from '../log';
import { BatchThrottle } from './batchThrottle';
import { resultsTargetKey, type ResultsTarget } from './resultsTarget';
import { savePanelFile, type ExportFolders } from './savePanelFile';
import { InspectionCancelled, TrialInspector } from './trialInspector';
import { WebviewPanelHost, type PanelRequest } from './webviewPanelHost';

interface PendingTrial {
  runId: string;
  record: TrialRecord;
}

export interface ResultsPanelOptions {
  panel: vscode.WebviewPanel;
  extensionUri: vscode.Uri;
  log: Log;
  target: ResultsTarget;
  registry: RunRegistry;
  liveUpdateIntervalMs: number;
  /** Remembers each experiment's run selection across reloads (workspaceState). */
  selectionStore: vscode.Memento;
  recordMessages: boolean;
}

/** What "Export chart / data" asks the page for (see the export-request message). */
export type ExportRequest = Omit<Extract<HostToPanelMessage, { type: 'export-request' }>, 'type'>;

export function resultsPanelTitle(target: ResultsTarget): string {
  return `LTH: ${target.experimentName}`;
}

export class ResultsPanel extends WebviewPanelHost {
  readonly target: ResultsTarget;
  private readonly registry: RunRegistry;
  private readonly selectionStore: vscode.Memento;
  private readonly appends: BatchThrottle<PendingTrial>;
  private runDirs = new Map<string, string>();
  /** Per run the page has records of, the (cell, trial) keys it has, so no record arrives twice. */
  private sentTrials = new Map<string, Set<string>>();
  private readonly inspector: TrialInspector;

  constructor(options: ResultsPanelOptions) {
    super(options.panel, options.extensionUri, options.log, options.target, options.recordMessages);
    this.target = options.target;
    this.inspector = new TrialInspector(vscode.Uri.joinPath(options.extensionUri, 'dist', 'trialInspector.js').fsPath);
    this.registry = options.registry;
    this.selectionStore = options.selectionStore;
    this.appends = new BatchThrottle(options.liveUpdateIntervalMs, (batch) => void this.postAppends(batch));
    this.disposables.push(
      options.registry.onDidChange((change) => this.onRunChange(change)),
      // Canvas charts do not follow CSS variables by themselves: the page redraws on this.
      vscode.window.onDidChangeActiveColorTheme(() => void this.post({ type: 'theme-changed' })),
      { dispose: () => this.appends.dispose() },
      { dispose: () => this.inspector.dispose() },
    );
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** True when `run` writes the runs this panel shows. */
  shows(run: LiveRun): boolean {
    return run.experimentName === this.target.experimentName && run.runsRoot === this.target.runsRoot;
  }

  protected override async onReady(): Promise<void> {
    try {
      await this.sendSnapshot();
    } catch (error) {
      // The page shows its error state instead of loading forever; the boundary logs the rest.
      await this.post({ type: 'error', message: `Could not read the runs of ${this.target.experimentName}: ${errorMessage(error)}` });
      throw error;
    }
    const live = this.liveRun();
    if (live) await this.postRunStatus(live, 'running');
  }

  protected override async onRequest(request: PanelRequest): Promise<void> {
    switch (request.type) {
      case 'select-runs':
        await this.selectionStore.update(this.selectionKey, request.runIds);
        await this.sendSnapshot();
        return;
      case 'save-file': {
        const saved = await savePanelFile(request, this.exportFolders);
        if (saved) this.log.info(`saved ${saved.fsPath}`);
        return;
      }
      case 'open-run-folder':
        await revealRunFolder(this.runDirOf(request.runId));
        return;
      case 'label-run': {
        const { writeRunLabel } = await import('../../core/runs/runLabel');
        writeRunLabel(this.runDirOf(request.runId), request.label);
        await this.sendSnapshot();
        return;
      }
      case 'inspect-trial':
        await this.inspectTrial(request);
        return;
      case 'cancel-inspection':
        this.inspector.cancel(request.requestId);
        return;
      case 'log':
        this.log[request.level](`panel ${this.target.experimentName}: ${request.message}`);
        return;
    }
  }

  private runDirOf(runId: string): string {
    const runDir = this.runDirs.get(runId);
    if (!runDir) throw new Error(`the panel asked for run "${runId}", which is not among this experiment's runs`);
    return runDir;
  }

  /** Re-runs one trial in a child process; the page hears its weights, or why there are none. */
  private async inspectTrial(request: Extract<PanelRequest, { type: 'inspect-trial' }>): Promise<void> {
    const { requestId } = request;
    try {
      const weights = await this.inspector.inspect(requestId, { runDir: this.runDirOf(request.runId), cell: request.cell, trial: request.trial });
      await this.post({ type: 'trial-weights', requestId, weights });
    } catch (error) {
      const message = error instanceof InspectionCancelled ? 'cancelled' : errorMessage(error);
      if (!(error instanceof InspectionCancelled)) this.log.warn(`results of ${this.target.experimentName}: trial ${request.trial} of ${request.cell}: ${message}`);
      await this.post({ type: 'trial-weights-failed', requestId, message });
    }
  }

  /** The experiment file relative to its workspace folder, as runs record it. */
  private get experimentFile(): string | undefined {
    return this.target.experimentFile ? vscode.workspace.asRelativePath(vscode.Uri.parse(this.target.experimentFile), false) : undefined;
  }

  /** Asks the page for all its charts as one PNG or one CSV; it answers with a save-file. */
  async requestExport(request: ExportRequest): Promise<void> {
    this.panel.reveal(undefined, false);
    await this.ready;
    if (!(await this.post({ type: 'export-request', ...request }))) throw new Error(`the results panel of ${this.target.experimentName} did not receive the export request`);
  }

  /** Per file as well as per name: a copy of the file keeping the name has a panel, and a selection, of its own. */
  private get selectionKey(): string {
    return `lthLab.selectedRuns:${resultsTargetKey(this.target)}\u0000${this.target.experimentFile ?? ''}`;
  }

  private liveRun(): LiveRun | undefined {
    return this.registry.all().find((run) => this.shows(run) && run.progress.runId !== undefined);
  }

  private async sendSnapshot(): Promise<void> {
    // No appends until the page has the snapshot they would add to.
    this.sentTrials = new Map();
    // Imported on first use: reading runs is not needed to activate.
    const { readSnapshot } = await import('./runSnapshots');
    // From here to the post nothing yields, so no trial can slip between the read and the
    // discard: every trial reported so far is on disk (written before it was reported).
    this.appends.discard();
    const requested = this.selectionStore.get<string[]>(this.selectionKey, []);
    const experimentFile = this.experimentFile;
    const snapshot = readSnapshot(this.target, requested, undefined, experimentFile);
    for (const problem of snapshot.problems) this.log.warn(`results of ${this.target.experimentName}: ${problem}`);
    this.runDirs = new Map(snapshot.runs.map((run) => [run.runId, run.runDir]));
    // Runs the page has records of: the selected ones (even if empty so far) and those that fit the budget.
    const selected = new Set(snapshot.selectedRunIds);
    this.sentTrials = new Map(
      snapshot.runs
        .filter((run) => selected.has(run.runId) || run.records.length > 0)
        .map((run) => [run.runId, new Set(run.records.map(trialKey))]),
    );
    await this.post({ type: 'snapshot', experiment: this.target.experimentName, runs: snapshot.runs, selectedRunIds: snapshot.selectedRunIds, ...(experimentFile ? { experimentFile } : {}) });
    if (snapshot.problems.length > 0) {
      const count = snapshot.problems.length === 1 ? 'A run folder' : `${snapshot.problems.length} run folders`;
      await this.post({ type: 'error', message: `${count} could not be read and ${snapshot.problems.length === 1 ? 'is' : 'are'} not shown: ${snapshot.problems[0]}` });
    }
  }

  private onRunChange(change: RunChange): void {
    if (this.isDisposed || !this.shows(change.run)) return;
    const run = change.run;
    if (change.kind === 'finished') {
      this.appends.flush();
      const status = run.outcome?.status ?? 'failed';
      void this.postRunStatus(run, status);
      return;
    }
    if (change.kind !== 'event') return;
    const event = change.event;
    if (event.type === 'run-started') {
      // A new (or resumed) folder: show it, alone, as the run to watch — unless another file of
      // the same name runs it (a copy): then it is only listed, apart, and the selection stays.
      const ownFile = this.target.experimentFile === undefined || run.experimentKey === this.target.experimentFile;
      const selection = ownFile ? [run.progress.runId as string] : this.selectionStore.get<string[]>(this.selectionKey, []);
      void Promise.resolve(this.selectionStore.update(this.selectionKey, selection))
        .then(() => this.sendSnapshot())
        .then(() => this.postRunStatus(run, 'running'))
        .catch((error) => this.log.error(`results of ${this.target.experimentName}: ${String(error)}`));
    } else if (event.type === 'trial-completed' && run.progress.runId !== undefined) {
      this.queueTrial(run.progress.runId, event.record);
    } else if (event.type === 'shard-progress' && run.progress.runId !== undefined) {
      void this.post({ type: 'shard-progress', runId: run.progress.runId, shards: event.shards });
    }
  }

  private queueTrial(runId: string, record: TrialRecord): void {
    const sent = this.sentTrials.get(runId);
    if (!sent) return; // the page has none of this run's records: a later snapshot brings them all
    const key = trialKey(record);
    if (sent.has(key)) return;
    sent.add(key);
    this.appends.push({ runId, record });
  }

  private async postAppends(batch: PendingTrial[]): Promise<void> {
    const byRun = new Map<string, TrialRecord[]>();
    for (const { runId, record } of batch) byRun.set(runId, [...(byRun.get(runId) ?? []), record]);
    for (const [runId, records] of byRun) await this.post({ type: 'append', runId, records });
    const live = this.liveRun();
    if (live) await this.postRunStatus(live, 'running');
  }

  private async postRunStatus(run: LiveRun, status: RunStatus): Promise<void> {
    const { runId, completedTrials, totalTrials } = run.progress;
    if (runId === undefined) return;
    await this.post({ type: 'run-status', runId, status, completedTrials, totalTrials });
  }

  /** Where the save dialog opens: the folder of the last export, else the experiment file's. */
  private get exportFolders(): ExportFolders {
    const file = this.target.experimentFile ? vscode.Uri.parse(this.target.experimentFile) : undefined;
    return { memory: this.selectionStore, fallback: file && vscode.Uri.joinPath(file, '..') };
  }
}
