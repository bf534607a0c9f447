// A sweep whose trials depend on the results of earlier ones (e.g. the adaptive search for a
// phase boundary): it runs in phases, each decided from the records of every earlier phase.
// Decisions are a pure function of those records, and each record is a pure function of its
// job's seed, so a resumed run replays the same phases from what is on disk and runs only the
// jobs that are missing: nothing already recorded is run again.
import type { TrialRecord } from '../../shared/trialRecord';
import type { TrialJob } from './trialJobs';

export interface EarlierJob {
  job: TrialJob;
  /** Its records (one per part); empty only for a trial that never reached the disk. */
  records: readonly TrialRecord[];
}

export interface PhasedSweep {
  /** At most this many jobs in all: the progress total until the sweep ends. */
  maxJobs: number;
  /** The jobs of the next phase, decided from every job of the earlier phases in order; none when the sweep is done. */
  nextPhase(earlier: readonly EarlierJob[]): TrialJob[];
  /** Why a record's cell and trial cannot be one of the sweep's (worded for a warning), or undefined when they can. */
  outside(cellKey: string, trial: number): string | undefined;
}
