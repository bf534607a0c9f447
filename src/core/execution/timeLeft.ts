// Time left of a run, for the CLI's progress line and the extension's notification. The first
// trials finish together (one per worker, after the workers' start-up), so a pace taken from the
// first one alone is off by the worker count: no estimate until a few trials of this session are in.

/** Trials this session must finish before its pace is trusted. */
export const TRIALS_BEFORE_ESTIMATE = 3;

export interface SessionPace {
  /** Trials finished by this session (not those resumed from disk). */
  finishedThisSession: number;
  elapsedSeconds: number;
  remainingTrials: number;
}

/** Seconds left at this session's average pace; undefined while it is still being measured. */
export function secondsLeft({ finishedThisSession, elapsedSeconds, remainingTrials }: SessionPace): number | undefined {
  if (remainingTrials <= 0) return 0;
  if (finishedThisSession < TRIALS_BEFORE_ESTIMATE || elapsedSeconds <= 0) return undefined;
  return (remainingTrials * elapsedSeconds) / finishedThisSession;
}
