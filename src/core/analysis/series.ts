// Chart series derived from trial records: a metric's mean and spread over trials along one
// axis, one line per combination of other axes. Pure (no Node APIs): the panel bundles this.
import type { TrialRecord } from '../../shared/trialRecord';
import type { ExperimentFamily } from '../families/experimentFamily';
import type { BandPoint, LineSeries } from './chartData';
import { axisValue, groupLegend, matchesFilter, metricDefinition, partFields, partKey } from './seriesAxes';
import { describe } from './statistics';

export type BandKind = 'min-max' | 'std';

/**
 * What a line goes through at each x: the mean over trials, or their median — which one
 * failed trial cannot drag up by decades on a log axis, as it does the mean.
 */
export type LineStatistic = 'mean' | 'median';

/** The band around a point's mean: the range over trials, or one standard deviation either side. */
export function bandRange(point: BandPoint, band: BandKind): [low: number, high: number] {
  return band === 'min-max' ? [point.min, point.max] : [point.mean - point.std, point.mean + point.std];
}

export interface RecordLine {
  key: string;
  label: string;
  group: Record<string, number>;
  records: TrialRecord[];
}

function compareGroups(family: ExperimentFamily, left: Record<string, number>, right: Record<string, number>): number {
  for (const name of partFields(family, { ...left, ...right })) {
    const difference = (left[name] ?? 0) - (right[name] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Records of the filtered part of the grid, grouped into lines by the `lineBy` axes, lines sorted by group. */
export function groupIntoLines(
  family: ExperimentFamily,
  records: readonly TrialRecord[],
  lineBy: readonly string[],
  filter: Readonly<Record<string, number>>,
): RecordLine[] {
  const lines = new Map<string, RecordLine>();
  for (const record of records) {
    if (!matchesFilter(record, filter)) continue;
    const group = Object.fromEntries(lineBy.map((axis) => [axis, axisValue(record, axis)]));
    const key = partKey(family, group);
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { key, label: groupLegend(family, record, lineBy) || 'all trials', group, records: [] }));
    line.records.push(record);
  }
  return [...lines.values()].sort((left, right) => compareGroups(family, left.group, right.group));
}

/**
 * A metric against one axis, one line per combination of the `lineBy` axes, over the part of
 * the grid that `filter` fixes. Each point describes the trials sharing that x; points where no
 * trial has a value (e.g. no convergence rate) are left out, and so are lines left without points.
 */
export function metricSeries(
  family: ExperimentFamily,
  records: readonly TrialRecord[],
  metric: string,
  x: string,
  lineBy: readonly string[],
  filter: Readonly<Record<string, number>> = {},
): LineSeries[] {
  const value = metricDefinition(family, metric).value;
  return groupIntoLines(family, records, lineBy, filter)
    .map((line) => {
      const valuesByX = new Map<number, Array<number | null>>();
      for (const record of line.records) {
        const xValue = axisValue(record, x);
        const values = valuesByX.get(xValue);
        if (values) values.push(value(record));
        else valuesByX.set(xValue, [value(record)]);
      }
      const points = [...valuesByX.entries()]
        .map(([xValue, values]) => ({ x: xValue, ...describe(values) }))
        .filter((point) => point.count > 0)
        .sort((left, right) => left.x - right.x);
      return { key: line.key, label: line.label, group: line.group, points };
    })
    .filter((line) => line.points.length > 0);
}
