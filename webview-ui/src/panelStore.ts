// What the panel knows: the experiment's runs with their records and live status, and the
// last error. Applies checked host messages; knows nothing about the DOM.
import { recordsDone, trialKey, type TrialRecord } from '../../src/shared/trialRecord';
import { findFamily } from '../../src/core/families/registry';
import type { RunManifest, RunStatus } from '../../src/shared/runManifest';
import type { HostToPanelMessage, TrialWeights } from '../../src/shared/protocol';

export interface RunView {
  runId: string;
  runDir: string;
  manifest: RunManifest;
  records: TrialRecord[];
  status: RunStatus;
  completedTrials: number;
  totalTrials: number;
  /** The user's label of the run, if any. */
  label?: string;
}

/** The host's answer to the panel's latest request for a trial's weights. */
export type WeightsAnswer = { requestId: string; weights: TrialWeights } | { requestId: string; message: string };

/** What a message changed, for the app to decide what to redraw. */
export type Change = 'snapshot' | 'records' | 'status' | 'error' | 'theme' | 'weights' | 'nothing';

export class PanelStore {
  experiment: string | null = null;
  runs: RunView[] = [];
  /** The host's choice of runs in the last snapshot. */
  hostSelection: string[] = [];
  error: string | null = null;
  /** The panel's experiment file (workspace-relative), when the host knows it: runs of other files with its name are told apart. */
  experimentFile: string | undefined;
  weightsAnswer: WeightsAnswer | undefined;
  /** Keys (cell + trial) of the records each run holds: a record sent twice (e.g. on resume) counts once. */
  private readonly seen = new Map<string, Set<string>>();

  get loaded(): boolean {
    return this.experiment !== null;
  }

  run(runId: string): RunView | undefined {
    return this.runs.find((run) => run.runId === runId);
  }

  /** Applies a checked message; returns what changed, or throws an Error naming why it cannot apply. */
  apply(message: HostToPanelMessage): Change {
    switch (message.type) {
      case 'snapshot':
        this.experiment = message.experiment;
        this.hostSelection = message.selectedRunIds;
        this.experimentFile = message.experimentFile;
        this.error = null;
        this.seen.clear();
        this.runs = message.runs.map((snapshot) => {
          const run: RunView = {
            runId: snapshot.runId,
            runDir: snapshot.runDir,
            manifest: snapshot.manifest,
            records: [],
            status: snapshot.manifest.status,
            completedTrials: 0,
            totalTrials: snapshot.manifest.totalTrials,
            ...(snapshot.label ? { label: snapshot.label } : {}),
          };
          this.seen.set(run.runId, new Set());
          this.addRecords(run, snapshot.records);
          return run;
        });
        return 'snapshot';
      case 'append': {
        const run = this.knownRun(message.runId, 'append');
        return this.addRecords(run, message.records) > 0 ? 'records' : 'nothing';
      }
      case 'run-status': {
        const run = this.knownRun(message.runId, 'run-status');
        run.status = message.status;
        run.completedTrials = message.completedTrials;
        run.totalTrials = message.totalTrials;
        return 'status';
      }
      case 'error':
        this.error = message.message;
        return 'error';
      case 'theme-changed':
        return 'theme';
      case 'export-request':
        return 'nothing'; // an action for the app, not state
      case 'shard-progress':
        return 'nothing'; // an action for the app, or shown as it comes: not state
      case 'trial-weights':
        this.weightsAnswer = { requestId: message.requestId, weights: message.weights };
        return 'weights';
      case 'trial-weights-failed':
        this.weightsAnswer = { requestId: message.requestId, message: message.message };
        return 'weights';
    }
  }

  private knownRun(runId: string, type: string): RunView {
    const run = this.run(runId);
    if (!run) throw new Error(`${type}: unknown run "${runId}" (the last snapshot has ${this.runs.map((known) => `"${known.runId}"`).join(', ') || 'no runs'})`);
    return run;
  }

  private addRecords(run: RunView, records: readonly TrialRecord[]): number {
    const seen = this.seen.get(run.runId) as Set<string>;
    let added = 0;
    for (const record of records) {
      const key = trialKey(record);
      if (seen.has(key)) continue;
      seen.add(key);
      run.records.push(record);
      added++;
    }
    // A failed part of a chain stands for the parts that never came.
    const parts = findFamily(run.manifest.kind)?.trialParts?.(run.manifest.resolved) ?? 1;
    run.completedTrials = Math.max(run.completedTrials, recordsDone(run.records, parts));
    return added;
  }
}
