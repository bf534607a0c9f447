// Turns how a trainer child ended into what the user is told. A child that exits without a
// run-finished event (crash, signal, non-zero code) did not finish its sweep; the trials it
// reported are on disk either way.
import type { RunEvent } from '../../shared/protocol';

type RunFinished = Extract<RunEvent, { type: 'run-finished' }>;

export interface TrainerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The child's run-finished event, when it sent one. */
  finished?: RunFinished;
  /** Whether the user asked to cancel before the child exited. */
  cancelRequested: boolean;
  /** From the last progress event seen. */
  completedTrials: number;
  totalTrials: number;
  /** A spawn or IPC error, when there was one. */
  error?: Error;
}

export interface RunOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  message: string;
}

export function describeTrainerExit(exit: TrainerExit): RunOutcome {
  const progress = `${exit.completedTrials}/${exit.totalTrials} trials`;
  const kept = exit.completedTrials > 0 ? ` The ${exit.completedTrials} finished trials are kept in the run folder.` : '';
  if (exit.error) {
    return { status: 'failed', message: `The trainer could not run: ${exit.error.message.replace(/\.$/, "")}.${kept}` };
  }
  // The child's own account wins: it may exit non-zero after reporting a failed run.
  if (exit.finished) {
    const { status, message } = exit.finished;
    if (status === 'completed') return { status, message: `Finished ${progress}.` };
    if (status === 'cancelled') return { status, message: `Cancelled after ${progress}.${kept}` };
    return { status, message: `The run failed after ${progress}: ${message ?? 'no reason given'}.${kept}` };
  }
  // Killed or exited after the user asked to cancel: that is the cancel working, not a crash.
  if (exit.cancelRequested) return { status: 'cancelled', message: `Cancelled after ${progress}.${kept}` };
  const how =
    exit.signal !== null
      ? `was killed by ${exit.signal}`
      : exit.code !== 0
        ? `crashed (exit code ${exit.code})`
        : 'exited without finishing the run';
  return { status: 'failed', message: `The trainer ${how} after ${progress}.${kept}` };
}
