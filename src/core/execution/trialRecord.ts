// A finished training -> the line that goes into trials.jsonl. Built on the main thread from the
// job (which knows the cell) and the metrics (which the worker measured), so a record never
// depends on which worker ran it.
import { cellValues } from '../analysis/cellSummary';
import type { Experiment, TrialMetrics, TrialRecord } from '../families/teacher-student/types';
import type { TrialJob } from '../sweep/trialJobs';
import { pruningRatioOf } from '../families/teacher-student/trialSpec';

export function trialRecord(experiment: Experiment, job: TrialJob, metrics: TrialMetrics): TrialRecord {
  return {
    cell: job.cellKey,
    ...cellValues(job.cell),
    pruningRatio: pruningRatioOf(experiment, job.cell),
    trial: job.trial,
    seed: job.seed,
    ...metrics,
  };
}
