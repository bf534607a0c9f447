// Every trial as a CSV row: the per-trial companion of the charts' aggregate table, for readers
// who want to run their own statistics. Columns: the run, the trial's identity (cell, trial, part,
// seed), every sweep axis and derived axis of the family, every metric by its registry name, and
// why a failed trial failed. Pure (no Node APIs): the panel builds it.
import type { ExperimentFamily } from '../families/experimentFamily';
import type { TrialRecord } from '../../shared/trialRecord';
import { isFailedTrial } from '../../shared/trialRecord';
import { toCsv, type TableCell } from './seriesCsv';

export interface RunTrials {
  /** How the run is named in the panel (its folder's timestamp). */
  run: string;
  records: readonly TrialRecord[];
}

function numberOrEmpty(value: unknown): TableCell {
  return typeof value === 'number' ? value : undefined;
}

export function trialsCsv(family: ExperimentFamily, runs: readonly RunTrials[]): string {
  const axes = [...family.axes.map((axis) => axis.name), ...family.derivedAxes.map((axis) => axis.name)];
  const hasParts = runs.some((run) => run.records.some((record) => typeof record.part === 'number'));
  const header = ['run', 'cell', 'trial', ...(hasParts ? ['part'] : []), 'seed', ...axes, ...family.metrics.map((metric) => metric.name), 'failed'];
  const rows = runs.flatMap(({ run, records }) =>
    records.map((record) => {
      const failed = isFailedTrial(record);
      return [
        run,
        record.cell,
        record.trial,
        ...(hasParts ? [numberOrEmpty(record.part)] : []),
        record.seed,
        ...axes.map((axis) => numberOrEmpty(record[axis])),
        ...family.metrics.map((metric) => (failed ? undefined : metric.value(record))),
        failed ? (record.failed as string) : undefined,
      ];
    }),
  );
  return toCsv({ header, rows });
}
