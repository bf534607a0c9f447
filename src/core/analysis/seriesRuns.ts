// Several runs of one experiment on the same charts. Runs may differ after an edit of the
// experiment file (e.g. momentum 0.5, then 0): an axis that is constant within each run
// but differs between runs is not a sweep axis of the charts; it tells the runs apart
// instead, in their labels ("β = 0 (GD)" vs "β = 0.5"). Pure (no Node APIs).
import type { TrialRecord } from '../../shared/trialRecord';
import type { AxisDefinition, AxisValues, ExperimentFamily } from '../families/experimentFamily';
import { axisValues } from './seriesAxes';

export interface RunRecords {
  /** "<experiment>/<folder>", as the extension and `lth report` name runs. */
  runId: string;
  records: readonly TrialRecord[];
  /** The resolved experiment's axes (from the manifest): they complete a live run's grid. */
  axes?: Readonly<AxisValues>;
}

export interface RunsGrid {
  /** The grid to plan charts for: the union of the runs' grids, with the run-distinguishing axes at one value. */
  values: AxisValues;
  /** Per run id: a name for legends and titles that says how the run differs from the others. */
  labels: Map<string, string>;
}

/** The run's own folder name: enough to name a run once the experiment is named. */
export function runFolderName(runId: string): string {
  return runId.slice(runId.lastIndexOf('/') + 1);
}

export function runsGrid(family: ExperimentFamily, runs: readonly RunRecords[]): RunsGrid {
  const perRun = runs.map((run) => axisValues(family, run.records, run.axes));
  const values: AxisValues = {};
  const distinguishing: AxisDefinition[] = [];
  for (const axis of family.axes) {
    const { name } = axis;
    values[name] = [...new Set(perRun.flatMap((grid) => grid[name]))].sort((left, right) => left - right);
    if (values[name].length > 1 && perRun.every((grid) => grid[name].length <= 1)) {
      distinguishing.push(axis);
      values[name] = values[name].slice(0, 1);
    }
  }
  const differences = perRun.map((grid) =>
    distinguishing
      .filter((axis) => grid[axis.name].length === 1)
      .map((axis) => axis.legend(grid[axis.name][0]))
      .join(', '),
  );
  // The differences alone when they tell every run apart; else the folder name first.
  const unique = differences.every((text) => text !== '') && new Set(differences).size === runs.length;
  const labels = new Map(
    runs.map((run, index) => [run.runId, unique ? differences[index] : [runFolderName(run.runId), differences[index]].filter(Boolean).join(', ')]),
  );
  return { values, labels };
}
