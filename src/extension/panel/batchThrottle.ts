// Collects items and hands them over in batches, at most one batch per interval: a fast sweep
// reports many trials a second, and each panel message re-renders charts. The first item after
// a quiet period goes out at once, so a slow run still looks live.

/** The clock and timer the throttle uses; tests pass a fake one. */
export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class BatchThrottle<T> {
  private pending: T[] = [];
  private timer: unknown;
  private lastFlushMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (batch: T[]) => void,
    private readonly clock: ThrottleClock = systemClock,
  ) {
    if (!(intervalMs >= 0)) throw new RangeError(`BatchThrottle: intervalMs must be >= 0, got ${intervalMs}`);
  }

  push(item: T): void {
    this.pending.push(item);
    if (this.timer !== undefined) return;
    const waitMs = this.lastFlushMs + this.intervalMs - this.clock.now();
    if (waitMs <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), waitMs);
  }

  /** Delivers what is pending now (e.g. when the run ends); does nothing when nothing is. */
  flush(): void {
    this.cancelTimer();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.lastFlushMs = this.clock.now();
    this.deliver(batch);
  }

  /** Drops what is pending: a fresh snapshot already contains it. */
  discard(): void {
    this.cancelTimer();
    this.pending = [];
  }

  dispose(): void {
    this.discard();
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
