// Progress of `lth run` on stderr: a redrawn bar on a terminal, plain periodic lines otherwise
// (logs and CI), both with counts, rate and ETA.
import { secondsLeft } from '../core/execution/timeLeft';
import type { OutputStream } from './cliIo';

export interface ProgressState {
  completedTrials: number;
  totalTrials: number;
  /** Trials already on disk when this session started (they do not count toward the rate). */
  resumedTrials: number;
  elapsedSeconds: number;
}

/** "0:42", "1:02:03"; "?" when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** Trials per second in this session and the time left (NaN while the pace is still being measured). */
export function progressRate(state: ProgressState): { trialsPerSecond: number; etaSeconds: number } {
  const doneHere = state.completedTrials - state.resumedTrials;
  if (doneHere <= 0 || state.elapsedSeconds <= 0) return { trialsPerSecond: NaN, etaSeconds: NaN };
  const left = secondsLeft({ finishedThisSession: doneHere, elapsedSeconds: state.elapsedSeconds, remainingTrials: state.totalTrials - state.completedTrials });
  return { trialsPerSecond: doneHere / state.elapsedSeconds, etaSeconds: left ?? NaN };
}

/** "12/48 trials (25%), 3.20 trials/s, ETA 0:11"; "ETA estimating" until the pace is known. */
export function progressText(state: ProgressState): string {
  const { trialsPerSecond, etaSeconds } = progressRate(state);
  const percent = state.totalTrials === 0 ? 100 : Math.floor((100 * state.completedTrials) / state.totalTrials);
  const rate = Number.isFinite(trialsPerSecond) ? `${trialsPerSecond.toPrecision(3)} trials/s` : '- trials/s';
  const eta = Number.isFinite(etaSeconds) ? formatDuration(etaSeconds) : 'estimating';
  return `${state.completedTrials}/${state.totalTrials} trials (${percent}%), ${rate}, ETA ${eta}`;
}

/** "[########------------] " + progressText, the bar `width` characters wide. */
export function progressBar(state: ProgressState, width = 24): string {
  const fraction = state.totalTrials === 0 ? 1 : state.completedTrials / state.totalTrials;
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progressText(state)}`;
}

/** Writes progress to a stream: redrawn in place on a TTY (throttled), a line every `lineSeconds` otherwise. */
export class ProgressReporter {
  private lastDrawn = -Infinity;
  private drawnOnTerminal = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly startedAt = Date.now(),
    private readonly lineSeconds = 10,
  ) {}

  update(completedTrials: number, totalTrials: number, resumedTrials: number, force = false): void {
    const now = Date.now();
    const interval = this.stream.isTTY ? 100 : this.lineSeconds * 1000;
    if (!force && now - this.lastDrawn < interval) return;
    this.lastDrawn = now;
    const state = { completedTrials, totalTrials, resumedTrials, elapsedSeconds: (now - this.startedAt) / 1000 };
    if (this.stream.isTTY) {
      // Back to the line's start, clear it, redraw: all of it our own text (counts and rates), so
      // it may go out as terminal control, which alone is not escaped.
      const redraw = `\r\x1b[K${progressBar(state)}`;
      if (this.stream.writeControl) this.stream.writeControl(redraw);
      else this.stream.write(redraw);
      this.drawnOnTerminal = true;
    } else {
      this.stream.write(`${progressText(state)}\n`);
    }
  }

  /** Ends the redrawn line, so that what follows starts on a fresh one. */
  finish(): void {
    if (this.drawnOnTerminal) this.stream.write('\n');
    this.drawnOnTerminal = false;
  }
}
