// Chart series derived from trial records: a metric's mean and spread over trials along
// one axis, one line per value of other axes; the median trial's error curve; the success
// grid over (r, N). Pure (no Node APIs): the panel webview bundles this.
import { SWEEP_AXES, type SweepAxis, type SweepCell, type TrialRecord } from '../families/teacher-student/types';
import { describe, type Description } from './statistics';
import { axisValue, groupLegend, matchesFilter, METRICS, type MetricName, type PlotAxis } from './seriesAxes';

/** A metric over the trials at one x: its mean (the line) and spread (the band); `count` = trials with a value here. */
export interface BandPoint extends Description {
  x: number;
}

export interface LineSeries {
  /** Stable identity of the line across updates (its group values). */
  key: string;
  label: string;
  /** The values of the grouping axes this line stands for. */
  group: Partial<SweepCell>;
  /** By increasing x. */
  points: BandPoint[];
  /** Which of several overlaid runs the line belongs to (0 when there is one run). */
  runIndex?: number;
}

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

function groupOf(record: TrialRecord, lineBy: readonly SweepAxis[]): Partial<SweepCell> {
  const group: Partial<SweepCell> = {};
  for (const axis of lineBy) group[axis] = record[axis];
  return group;
}

function groupKey(group: Partial<SweepCell>): string {
  return SWEEP_AXES.filter((axis) => group[axis] !== undefined)
    .map((axis) => `${axis}=${group[axis]}`)
    .join(',');
}

function compareGroups(left: Partial<SweepCell>, right: Partial<SweepCell>): number {
  for (const axis of SWEEP_AXES) {
    const difference = (left[axis] ?? 0) - (right[axis] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Records of the filtered part of the grid, grouped into lines by the `lineBy` axes, lines sorted by group. */
function groupIntoLines(
  records: readonly TrialRecord[],
  lineBy: readonly SweepAxis[],
  filter: Partial<SweepCell>,
): Array<{ key: string; label: string; group: Partial<SweepCell>; records: TrialRecord[] }> {
  const lines = new Map<string, { key: string; label: string; group: Partial<SweepCell>; records: TrialRecord[] }>();
  for (const record of records) {
    if (!matchesFilter(record, filter)) continue;
    const group = groupOf(record, lineBy);
    const key = groupKey(group);
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { key, label: groupLegend(record, lineBy) || 'all trials', group, records: [] }));
    line.records.push(record);
  }
  return [...lines.values()].sort((left, right) => compareGroups(left.group, right.group));
}

/**
 * A metric against one axis, one line per combination of the `lineBy` axes, over the part
 * of the grid that `filter` fixes. Each point describes the trials sharing that x; points
 * where no trial has a value (e.g. no convergence rate) are left out, and so are lines
 * left without points.
 */
export function metricSeries(
  records: readonly TrialRecord[],
  metric: MetricName,
  x: PlotAxis,
  lineBy: readonly SweepAxis[],
  filter: Partial<SweepCell> = {},
): LineSeries[] {
  const value = METRICS[metric].value;
  return groupIntoLines(records, lineBy, filter).map((line) => {
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
  }).filter((line) => line.points.length > 0);
}

/** The trial with the median final error of a list (the lower middle one for an even count). */
export function medianTrial(records: readonly TrialRecord[]): TrialRecord {
  if (records.length === 0) throw new RangeError('medianTrial: no records, expected at least one');
  const sorted = [...records].sort((left, right) => left.relativeError - right.relativeError || left.trial - right.trial);
  return sorted[(sorted.length - 1) >> 1];
}

/**
 * Relative weight error against iteration, one curve per combination of the `lineBy` axes:
 * the curve of the group's median trial (a mean of curves that stop at different
 * iterations would be no trial's curve). Points have count 1 and no spread.
 */
export function medianTrialCurves(
  records: readonly TrialRecord[],
  lineBy: readonly SweepAxis[],
  filter: Partial<SweepCell> = {},
): LineSeries[] {
  return groupIntoLines(records, lineBy, filter).map((line) => {
    const trial = medianTrial(line.records);
    const { iterations, relativeError } = trial.curve;
    const points = iterations.map((iteration, index) => {
      const error = relativeError[index];
      return { x: iteration, count: 1, mean: error, median: error, std: 0, min: error, max: error };
    });
    return { key: line.key, label: `${line.label} (trial ${trial.trial})`, group: line.group, points };
  });
}

/** One (r, N) cell of the success grid, trials pooled over any other axis the filter leaves free. */
export interface SuccessCell {
  nonzerosPerNeuron: number;
  samples: number;
  trials: number;
  successes: number;
  successRate: number;
}

/** Success counts over (r, N), sorted by r then N; the input of the heatmap and of phaseBoundary(). */
export function successCells(records: readonly TrialRecord[], filter: Partial<SweepCell> = {}): SuccessCell[] {
  const cells = new Map<string, SuccessCell>();
  for (const record of records) {
    if (!matchesFilter(record, filter)) continue;
    const key = `${record.nonzerosPerNeuron},${record.samples}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { nonzerosPerNeuron: record.nonzerosPerNeuron, samples: record.samples, trials: 0, successes: 0, successRate: 0 };
      cells.set(key, cell);
    }
    cell.trials += 1;
    if (record.success) cell.successes += 1;
  }
  for (const cell of cells.values()) cell.successRate = cell.successes / cell.trials;
  return [...cells.values()].sort((left, right) => left.nonzerosPerNeuron - right.nonzerosPerNeuron || left.samples - right.samples);
}
