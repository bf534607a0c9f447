// Per-cell aggregation of trial records: what `lth summarize` and the report show for each
// point of the sweep grid, with the metrics and statistics the family's summary columns name.
// Pure (no Node APIs).
import type { TrialRecord } from '../../shared/trialRecord';
import { axisNames, type ExperimentFamily, type SweepCell } from '../families/experimentFamily';
import { axisValue, metricDefinition } from './seriesAxes';
import { describe, quartiles } from './statistics';

export interface CellSummary {
  /** The cell's canonical key (TrialRecord.cell). */
  cell: string;
  /** The cell's value on every sweep axis. */
  values: SweepCell;
  /** The family's row fields (e.g. round and variant), when it splits cells into rows. */
  row?: Record<string, unknown>;
  /** Trials done (records on disk) for this cell. */
  trials: number;
  /** Derived axes (the pruning ratio) and the summary columns' statistics, under their keys. */
  [field: string]: unknown;
}

/**
 * Groups records by `cell` (and the family's row fields) and summarizes each group. Cells come
 * out sorted by their axis values (in the family's axis order), a cell's rows in part order, so
 * the result does not depend on the order trials finished in.
 */
export function summarizeCells(family: ExperimentFamily, records: readonly TrialRecord[]): CellSummary[] {
  const rowFields = family.rowFields ?? [];
  const groups = new Map<string, TrialRecord[]>();
  for (const record of records) {
    const key = JSON.stringify([record.cell, ...rowFields.map((field) => record[field.name])]);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  const summaries = [...groups.values()].map((group) => ({ summary: summarizeCell(family, group), part: Math.min(...group.map((record) => Number(record.part ?? 0))) }));
  summaries.sort((left, right) => compareCells(family, left.summary.values, right.summary.values) || left.part - right.part);
  return summaries.map(({ summary }) => summary);
}

function summarizeCell(family: ExperimentFamily, records: TrialRecord[]): CellSummary {
  const first = records[0];
  // Built field by field so the JSON keeps the order: cell, values, derived axes, trials, columns.
  const summary = { cell: first.cell, values: cellValues(family, first) } as CellSummary;
  if (family.rowFields) summary.row = Object.fromEntries(family.rowFields.map((field) => [field.name, first[field.name]]));
  for (const derived of family.derivedAxes) if (derived.from !== undefined) summary[derived.name] = first[derived.name];
  summary.trials = records.length;
  for (const column of family.summaryColumns) {
    const values = records.map(metricDefinition(family, column.metric).value);
    const description = describe(values);
    if (column.kind === 'describe' && column.whenPresent && description.count === 0) continue;
    if (column.kind === 'describe') summary[column.key] = description;
    else if (column.kind === 'mean') summary[column.key] = description.count > 0 ? description.mean : null;
    else if (column.kind === 'quartiles') summary[column.key] = description.count > 0 ? quartiles(values) : null;
    else {
      const successes = values.filter((value) => value === 1).length;
      summary[column.countKey] = successes;
      summary[column.key] = successes / records.length;
    }
  }
  return summary;
}

/** The sweep-axis part of a record. */
export function cellValues(family: ExperimentFamily, record: TrialRecord | SweepCell): SweepCell {
  return Object.fromEntries(family.axes.map(({ name }) => [name, axisValue(record as TrialRecord, name)]));
}

function compareCells(family: ExperimentFamily, left: SweepCell, right: SweepCell): number {
  for (const { name } of family.axes) {
    if (left[name] !== right[name]) return left[name] - right[name];
  }
  return 0;
}

/** The axes on which the given cells take more than one value (the table's varying columns). */
export function variedAxes(family: ExperimentFamily, cells: ReadonlyArray<{ values: SweepCell }>): string[] {
  return axisNames(family).filter((name) => new Set(cells.map((cell) => cell.values[name])).size > 1);
}
