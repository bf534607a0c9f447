// The live runs, one per experiment file at most, and a change signal for everything that
// shows them (CodeLens, status bar, context keys, panels). No vscode import.
import type { RunEvent } from '../../shared/protocol';
import type { LiveRun } from './liveRun';

export type RunChange =
  | { kind: 'started'; run: LiveRun }
  | { kind: 'event'; run: LiveRun; event: RunEvent }
  | { kind: 'finished'; run: LiveRun };

export class RunRegistry {
  private readonly runs = new Map<string, LiveRun>();
  private readonly listeners = new Set<(change: RunChange) => void>();

  /** `reportListenerError` hears about a listener that threw (it is logged, the others still run). */
  constructor(private readonly reportListenerError: (error: unknown) => void) {}

  get(experimentKey: string): LiveRun | undefined {
    return this.runs.get(experimentKey);
  }

  all(): LiveRun[] {
    return [...this.runs.values()];
  }

  /**
   * Tracks `run` until its trainer exits. Refuses a second run of the same file: two trainers
   * writing one experiment's runs at once would race for the same resumable folder.
   */
  add(run: LiveRun): void {
    if (this.runs.has(run.experimentKey)) {
      throw new Error(`${run.experimentName} is already running; cancel it first or wait for it to finish`);
    }
    this.runs.set(run.experimentKey, run);
    const unsubscribe = run.onEvent((event) => this.emit({ kind: 'event', run, event }));
    this.emit({ kind: 'started', run });
    void run.finished.then(() => {
      unsubscribe();
      this.runs.delete(run.experimentKey);
      this.emit({ kind: 'finished', run });
    });
  }

  onDidChange(listener: (change: RunChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Stops every live run and waits for the children to exit (deactivate). */
  async stopAll(): Promise<void> {
    await Promise.all(this.all().map((run) => run.stop()));
  }

  private emit(change: RunChange): void {
    for (const listener of [...this.listeners]) {
      // One faulty listener (a disposed panel, say) must not starve the others.
      try {
        listener(change);
      } catch (error) {
        this.reportListenerError(error);
      }
    }
  }
}
