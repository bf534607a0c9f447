// A finished training -> the line that goes into trials.jsonl. Built on the main thread from the
// job (which knows the cell) and the metrics (which the worker measured), so a record never
// depends on which worker ran it. Field order: cell, axes, the family's extras, trial, part (kinds
// whose trials yield several records), seed, metrics.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { TrialRecord } from '../../shared/trialRecord';
import type { ExperimentFamily } from '../families/experimentFamily';
import type { TrialJob } from '../sweep/trialJobs';

// Metrics may hold NaN or ±Infinity (a diverged training), which JSON writes as null: the record
// goes through JSON here, so the record reported (trial-completed) is exactly the line on disk and
// passes the same schema check whoever reads it.
export function trialRecord(family: ExperimentFamily, experiment: ResolvedExperiment, job: TrialJob, metrics: object, part?: number): TrialRecord {
  const record = {
    cell: job.cellKey,
    ...job.cell,
    ...family.recordExtras(experiment, job.cell),
    trial: job.trial,
    ...(part === undefined ? {} : { part }),
    seed: job.seed,
    ...metrics,
  };
  return JSON.parse(JSON.stringify(record)) as TrialRecord;
}
