// Per-cell aggregation of trial records: what `lth summarize`, the report and the panel
// show for each point of the sweep grid. Pure (no Node APIs): the panel webview bundles this.
import { SWEEP_AXES, type SweepAxis, type SweepCell, type TrialRecord } from '../families/teacher-student/types';
import { describe, type Description } from './statistics';

export interface CellSummary {
  /** The cell's canonical key (TrialRecord.cell). */
  cell: string;
  /** The cell's value on every sweep axis. */
  values: SweepCell;
  pruningRatio: number;
  /** Trials done (records on disk) for this cell. */
  trials: number;
  successes: number;
  /** successes / trials. */
  successRate: number;
  relativeError: Description;
  generalizationError: Description;
  relativeGeneralizationError: Description;
  /** Mean over the trials that had a linear phase; null when none had one. */
  meanConvergenceRate: number | null;
}

/**
 * Groups records by `cell` and summarizes each group. Cells come out sorted by their axis
 * values (in SWEEP_AXES order), so the result does not depend on the order trials finished in.
 */
export function summarizeCells(records: readonly TrialRecord[]): CellSummary[] {
  const groups = new Map<string, TrialRecord[]>();
  for (const record of records) {
    const group = groups.get(record.cell);
    if (group) group.push(record);
    else groups.set(record.cell, [record]);
  }
  const summaries = [...groups.values()].map(summarizeCell);
  return summaries.sort((left, right) => compareCells(left.values, right.values));
}

function summarizeCell(records: TrialRecord[]): CellSummary {
  const first = records[0];
  const successes = records.filter((record) => record.success).length;
  const rates = describe(records.map((record) => record.convergenceRate));
  return {
    cell: first.cell,
    values: cellValues(first),
    pruningRatio: first.pruningRatio,
    trials: records.length,
    successes,
    successRate: successes / records.length,
    relativeError: describe(records.map((record) => record.relativeError)),
    generalizationError: describe(records.map((record) => record.generalizationError)),
    relativeGeneralizationError: describe(records.map((record) => record.relativeGeneralizationError)),
    meanConvergenceRate: rates.count > 0 ? rates.mean : null,
  };
}

/** The sweep-axis part of a record. */
export function cellValues(record: SweepCell): SweepCell {
  const values = {} as SweepCell;
  for (const axis of SWEEP_AXES) values[axis] = record[axis];
  return values;
}

function compareCells(left: SweepCell, right: SweepCell): number {
  for (const axis of SWEEP_AXES) {
    if (left[axis] !== right[axis]) return left[axis] - right[axis];
  }
  return 0;
}

/** The axes on which the given cells take more than one value (the table's varying columns). */
export function variedAxes(cells: ReadonlyArray<{ values: SweepCell }>): SweepAxis[] {
  return SWEEP_AXES.filter((axis) => new Set(cells.map((cell) => cell.values[axis])).size > 1);
}
