// Everything `lth summarize` and the report say about a set of records: the per-cell table,
// which axes vary, and the phase boundary when the sweep is over (r, N). Pure (no Node APIs).
import type { SweepAxis, TrialRecord } from '../families/teacher-student/types';
import { summarizeCells, variedAxes, type CellSummary } from './cellSummary';
import { phaseBoundary, type PhaseBoundary } from '../families/teacher-student/phaseBoundary';

export interface SweepSummary {
  cells: CellSummary[];
  variedAxes: SweepAxis[];
  /** Present only when both samples and nonzerosPerNeuron are swept. */
  phaseBoundary: PhaseBoundary | null;
}

export function summarizeSweep(records: readonly TrialRecord[]): SweepSummary {
  const cells = summarizeCells(records);
  const axes = variedAxes(cells);
  const overGrid = axes.includes('samples') && axes.includes('nonzerosPerNeuron');
  return { cells, variedAxes: axes, phaseBoundary: overGrid ? phaseBoundary(cells) : null };
}
