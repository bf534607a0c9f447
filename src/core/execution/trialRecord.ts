// A finished training -> the line that goes into trials.jsonl. Built on the main thread from the
// job (which knows the cell) and the metrics (which the worker measured), so a record never
// depends on which worker ran it. Field order: cell, axes, the family's extras, trial, part (kinds
// whose trials yield several records), seed, metrics.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { TrialRecord } from '../../shared/trialRecord';
import type { ExperimentFamily } from '../families/experimentFamily';
import type { TrialJob } from '../sweep/trialJobs';

export function trialRecord(family: ExperimentFamily, experiment: ResolvedExperiment, job: TrialJob, metrics: object, part?: number): TrialRecord {
  return {
    cell: job.cellKey,
    ...job.cell,
    ...family.recordExtras(experiment, job.cell),
    trial: job.trial,
    ...(part === undefined ? {} : { part }),
    seed: job.seed,
    ...metrics,
  };
}
