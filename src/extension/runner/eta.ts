// Percentage and time-left estimate for the progress notification and the status bar.
// Trials resumed from disk at start cost nothing, so the rate counts only trials finished
// since this run started.
import { secondsLeft } from '../../core/execution/timeLeft';

export interface ProgressSample {
  /** When this run started (ms, same clock as nowMs). */
  startedAtMs: number;
  nowMs: number;
  /** Trials already on disk when the run started (a resumed run). */
  completedAtStart: number;
  completedTrials: number;
  totalTrials: number;
}

/** Seconds left at the average pace of this run so far; undefined until its first few trials are in. */
export function estimateSecondsLeft(sample: ProgressSample): number | undefined {
  return secondsLeft({
    finishedThisSession: sample.completedTrials - sample.completedAtStart,
    elapsedSeconds: (sample.nowMs - sample.startedAtMs) / 1000,
    remainingTrials: Math.max(0, sample.totalTrials - sample.completedTrials),
  });
}

/** Whole percent done, 0..100 (an empty sweep counts as done). */
export function percentDone(completedTrials: number, totalTrials: number): number {
  if (totalTrials <= 0) return 100;
  return Math.min(100, Math.max(0, Math.floor((100 * completedTrials) / totalTrials)));
}

/** "under 5 s", "40 s", "3 min", "1 h 5 min": coarse on purpose, an estimate is not a promise. */
export function formatDuration(seconds: number): string {
  if (seconds < 5) return 'under 5 s';
  if (seconds < 60) return `${Math.round(seconds / 5) * 5} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes === 0 ? `${hours} h` : `${hours} h ${restMinutes} min`;
}

/** "12/45 trials, about 3 min left" ("estimating time left…" until the pace is known). */
export function progressMessage(sample: ProgressSample): string {
  const counts = `${sample.completedTrials}/${sample.totalTrials} trials`;
  if (sample.completedTrials >= sample.totalTrials) return counts;
  const left = estimateSecondsLeft(sample);
  return left === undefined ? `${counts}, estimating time left…` : `${counts}, about ${formatDuration(left)} left`;
}
