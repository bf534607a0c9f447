// One experiment run in progress, as the rest of the extension sees it: its progress, the run
// folder once the trainer announced it, and the events to relay. No vscode import.
import { runIdOf } from '../../core/runs/runId';
import type { RunEvent } from '../../shared/protocol';
import { describeTrainerExit, type RunOutcome, type TrainerExit } from './trainerExit';

/** One run on a trainer, as a LiveRun handles it (a run on a TrainerProcess, or a fake in tests). */
export interface TrainerHandle {
  /** Resolves once the run has ended: its run-finished event, or the trainer's exit. */
  readonly exited: Promise<TrainerExit>;
  /** Asks the run to stop; escalates to SIGTERM, then SIGKILL, if it does not. Idempotent. */
  cancel(): void;
  /** Cancels and waits for the end: for deactivate, where nothing may outlive the host. */
  stop(): Promise<TrainerExit>;
}

export interface LiveRunProgress {
  /** Set by run-started: "<experiment>/<folder>", the same id listRuns gives the folder. */
  runId: string | undefined;
  runDir: string | undefined;
  completedTrials: number;
  totalTrials: number;
  /** Trials already on disk when the run started (resumed). */
  completedAtStart: number;
  startedAtMs: number;
  cancelRequested: boolean;
}

export interface FinishedRun extends RunOutcome {
  exit: TrainerExit;
}

type Listener<T> = (value: T) => void;

export class LiveRun {
  readonly progress: LiveRunProgress;
  /** Resolves when the trainer has exited, with what to tell the user. */
  readonly finished: Promise<FinishedRun>;
  /** Set once the trainer has exited. */
  outcome: FinishedRun | undefined;
  private readonly eventListeners = new Set<Listener<RunEvent>>();
  private trainer: TrainerHandle | undefined;

  constructor(
    /** The experiment file's key (its Uri as a string). */
    readonly experimentKey: string,
    readonly experimentName: string,
    readonly runsRoot: string,
    startTrainer: (onEvent: Listener<RunEvent>) => TrainerHandle,
    nowMs: number = Date.now(),
  ) {
    this.progress = {
      runId: undefined,
      runDir: undefined,
      completedTrials: 0,
      totalTrials: 0,
      completedAtStart: 0,
      startedAtMs: nowMs,
      cancelRequested: false,
    };
    const trainer = startTrainer((event) => this.receive(event));
    this.trainer = trainer;
    this.finished = trainer.exited.then((exit) => {
      this.trainer = undefined;
      this.outcome = { ...describeTrainerExit(exit), exit };
      return this.outcome;
    });
  }

  /** Listens to every valid event of the trainer; returns the unsubscribe function. */
  onEvent(listener: Listener<RunEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  cancel(): void {
    if (!this.trainer) return;
    this.progress.cancelRequested = true;
    this.trainer.cancel();
  }

  /** Cancels and waits for the child to be gone (deactivate). */
  async stop(): Promise<void> {
    this.progress.cancelRequested = true;
    await this.trainer?.stop();
  }

  private receive(event: RunEvent): void {
    const progress = this.progress;
    if (event.type === 'run-started') {
      progress.runDir = event.runDir;
      progress.runId = runIdOf(event.runDir);
      progress.completedAtStart = event.completedTrials;
    }
    if (event.type !== 'log') {
      progress.completedTrials = event.completedTrials;
      progress.totalTrials = event.totalTrials;
    }
    for (const listener of [...this.eventListeners]) listener(event);
  }
}
