// Everything `lth summarize` and the report say about a set of records: the per-cell table,
// which axes vary, and the family's own conclusion (the teacher-student phase boundary). Pure.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { TrialRecord } from '../../shared/trialRecord';
import type { ExperimentFamily } from '../families/experimentFamily';
import { summarizeCells, variedAxes, type CellSummary } from './cellSummary';

export interface SweepSummary {
  cells: CellSummary[];
  variedAxes: string[];
  /** The family's summaryExtra under its key (e.g. phaseBoundary). */
  [extra: string]: unknown;
}

/** `experiment`: the runs' resolved experiment, when known (settings the family's part may name). */
export function summarizeSweep(family: ExperimentFamily, records: readonly TrialRecord[], experiment?: ResolvedExperiment): SweepSummary {
  const cells = summarizeCells(family, records);
  const axes = variedAxes(family, cells);
  const extra = family.summaryExtra;
  return { cells, variedAxes: axes, ...(extra ? { [extra.key]: extra.compute(cells, axes, experiment) } : {}) };
}
