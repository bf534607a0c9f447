// Reading records through a family's registries: the value of a record on an axis, the grid of
// axis values a run covers, which axes it sweeps, and how a part of the grid is named in legends
// and titles. Pure (no Node APIs): the panel webview bundles this.
import type { TrialRecord } from '../../shared/trialRecord';
import { formatNumber } from '../../shared/formatNumber';
import { axisNames, type AxisDefinition, type AxisValues, type DerivedAxisDefinition, type ExperimentFamily, type MetricDefinition } from '../families/experimentFamily';

/** A sweep axis or a derived one (the pruning ratio of r). */
export function axisDefinition(family: ExperimentFamily, name: string): AxisDefinition | DerivedAxisDefinition {
  const axis = family.axes.find((candidate) => candidate.name === name) ?? family.derivedAxes.find((candidate) => candidate.name === name);
  if (axis === undefined) throw new RangeError(`${family.kind} has no axis "${name}"`);
  return axis;
}

export function metricDefinition(family: ExperimentFamily, name: string): MetricDefinition {
  const metric = family.metrics.find((candidate) => candidate.name === name);
  if (metric === undefined) throw new RangeError(`${family.kind} has no metric "${name}"`);
  return metric;
}

/** The record's value on an axis (a number by the family's contract). */
export function axisValue(record: TrialRecord, axis: string): number {
  return record[axis] as number;
}

/** The legend text of the line a record belongs to when lines are split by `axes`. */
export function groupLegend(family: ExperimentFamily, record: TrialRecord, axes: readonly string[]): string {
  return axes
    .map((name) => {
      const axis = axisDefinition(family, name);
      const value = axisValue(record, name);
      return axis.legend ? axis.legend(value, record) : `${axis.short} ${formatNumber(value)}`;
    })
    .join(', ');
}

/** "N = 450, noise 0.01": a fixed part of the grid, named for a title. */
export function describeFilter(family: ExperimentFamily, filter: Readonly<Record<string, number>>): string {
  return family.axes
    .filter((axis) => filter[axis.name] !== undefined)
    .map((axis) => axis.legend(filter[axis.name]))
    .join(', ');
}

/** Whether a record lies in the part of the grid that `filter` fixes. */
export function matchesFilter(record: TrialRecord, filter: Readonly<Record<string, number>>): boolean {
  return Object.entries(filter).every(([axis, wanted]) => record[axis] === wanted);
}

/**
 * The distinct values of every sweep axis, sorted: those the records hold, together with those
 * of the resolved experiment (so a live run's charts know the whole grid from the first trial on).
 */
export function axisValues(family: ExperimentFamily, records: readonly TrialRecord[], resolvedAxes: Readonly<AxisValues> = {}): AxisValues {
  return Object.fromEntries(
    family.axes.map(({ name }) => {
      const values = new Set<number>(resolvedAxes[name] ?? []);
      for (const record of records) if (typeof record[name] === 'number') values.add(record[name] as number);
      return [name, [...values].sort((left, right) => left - right)];
    }),
  );
}

/** Every combination of the values of `axes` (one empty filter when there are none). */
export function combinations(axes: readonly string[], values: AxisValues): Array<Record<string, number>> {
  let result: Array<Record<string, number>> = [{}];
  for (const axis of axes) result = result.flatMap((partial) => values[axis].map((value) => ({ ...partial, [axis]: value })));
  return result;
}

/** The axes that take more than one value, in the family's order. */
export function sweptAxes(family: ExperimentFamily, values: Readonly<AxisValues>): string[] {
  return axisNames(family).filter((name) => (values[name]?.length ?? 0) > 1);
}

/** The fields of a part of the grid in a stable order: the family's sweep axes, then record fields (e.g. a round) by name. */
export function partFields(family: ExperimentFamily, part: Readonly<Record<string, number>>): string[] {
  const sweep = axisNames(family).filter((name) => part[name] !== undefined);
  return [...sweep, ...Object.keys(part).filter((name) => !sweep.includes(name)).sort()];
}

/** A stable key for a part of the grid (a line's group, a heatmap's filter). */
export function partKey(family: ExperimentFamily, part: Readonly<Record<string, number>>): string {
  return partFields(family, part)
    .map((name) => `${name}=${part[name]}`)
    .join(',');
}
