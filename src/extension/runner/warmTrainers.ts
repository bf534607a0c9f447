// The extension's trainers: a run takes the warm trainer left idle by the last run (its worker
// threads started, its code optimized, its WASM compiled), or forks a new one when there is
// none or it is busy (two experiments at once). After a run the trainer waits for the next one;
// one idle trainer is kept, for a while, and the rest are ended. A cancel ends its trainer too
// (the user asked it to stop, and its pool's threads were torn down to stop at once), and a
// trainer that crashed is gone: the next run forks a new one. No vscode import.
import type { TrainerLaunch } from '../../shared/protocol';
import type { TrainerHandle } from './liveRun';
import type { TrainerListener, TrainerProcess } from './trainerProcess';

/** How long an idle trainer is kept (its threads hold some memory). */
export const WARM_TRAINER_IDLE_MS = 10 * 60 * 1000;

export class WarmTrainers {
  private idle: TrainerProcess | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly live = new Set<TrainerProcess>();
  private disposed = false;

  constructor(
    private readonly startProcess: () => TrainerProcess,
    private readonly idleMs: number = WARM_TRAINER_IDLE_MS,
  ) {}

  /** Starts a run on the idle trainer, or on a new one. */
  start(launch: TrainerLaunch, listener: TrainerListener): TrainerHandle {
    if (this.disposed) throw new Error('WarmTrainers: disposed');
    const trainer = this.takeIdle() ?? this.fork();
    const run = trainer.run(launch, listener);
    void run.exited.then((exit) => (exit.cancelRequested ? void trainer.dispose() : this.park(trainer)));
    return run;
  }

  /** Ends every trainer (deactivate: nothing may outlive the host). */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.idle = undefined;
    await Promise.all([...this.live].map((trainer) => trainer.dispose()));
  }

  private fork(): TrainerProcess {
    const trainer = this.startProcess();
    this.live.add(trainer);
    void trainer.exited.then(() => {
      this.live.delete(trainer);
      if (this.idle === trainer) this.idle = undefined;
    });
    return trainer;
  }

  private takeIdle(): TrainerProcess | undefined {
    const trainer = this.idle;
    this.idle = undefined;
    clearTimeout(this.idleTimer);
    if (trainer?.idle) return trainer;
    if (trainer) void trainer.dispose();
    return undefined;
  }

  /** After a run: keep the trainer warm for the next one, unless one is kept already or it cannot run again. */
  private park(trainer: TrainerProcess): void {
    if (this.disposed || this.idle !== undefined || !trainer.idle) {
      void trainer.dispose();
      return;
    }
    this.idle = trainer;
    this.idleTimer = setTimeout(() => {
      if (this.idle !== trainer) return;
      this.idle = undefined;
      void trainer.dispose();
    }, this.idleMs);
    this.idleTimer.unref();
  }
}
