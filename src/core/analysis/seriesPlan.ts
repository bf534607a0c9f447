// Chart building blocks every family shares: a metric against one axis with one line per
// combination of others, the default plan (one such chart per swept axis), and several runs'
// versions of a chart overlaid. A family's own chart plan (e.g. the teacher-student heatmap)
// lives in its folder and uses these. Pure (no Node APIs).
import type { TrialRecord } from '../../shared/trialRecord';
import type { AxisValues, ChartSpec, ExperimentFamily } from '../families/experimentFamily';
import type { LineChartData, LineSeries } from './chartData';
import { metricSeries } from './series';
import { axisDefinition, describeFilter, metricDefinition, sweptAxes } from './seriesAxes';

/** A metric (the user's pick unless fixed) against axis `x`, one line per combination of `lineBy`, over the part `filter` fixes. */
export interface MetricChartSpec extends ChartSpec {
  kind: 'metric';
  x: string;
  lineBy: string[];
  filter: Record<string, number>;
  /** A chart about one metric whatever the user picked (e.g. the convergence rate chart). */
  fixedMetric?: string;
}

/** The axis a chart shows for a sweep axis: its derived form when it has one (r is shown as the pruning ratio). */
export function shownAxis(family: ExperimentFamily, axis: string): string {
  return family.derivedAxes.find((derived) => derived.from === axis)?.name ?? axis;
}

/** ", one line per N × noise (momentum 0.5)": what a chart's lines and fixed part are. */
export function titleSuffix(family: ExperimentFamily, lineBy: readonly string[], filter: Readonly<Record<string, number>>, lineWord: string): string {
  const nouns = lineBy.map((axis) => axisDefinition(family, shownAxis(family, axis)).noun);
  const perLine = nouns.length > 0 ? `, one ${lineWord} per ${nouns.join(' × ')}` : '';
  const fixed = describeFilter(family, filter);
  return `${perLine}${fixed ? ` (${fixed})` : ''}`;
}

/** The spec of a metric chart against `axis` with a line per other swept axis. */
export function metricChartAgainst(family: ExperimentFamily, axis: string, swept: readonly string[]): MetricChartSpec {
  const x = shownAxis(family, axis);
  return { kind: 'metric', id: `metric:${x}`, x, lineBy: swept.filter((other) => other !== axis), filter: {} };
}

/** The plan of a family without one of its own: the metric against each swept axis (against the first axis when none is). */
export function defaultChartPlan(family: ExperimentFamily, values: AxisValues): MetricChartSpec[] {
  const swept = sweptAxes(family, values);
  if (swept.length === 0) return [metricChartAgainst(family, family.axes[0].name, [])];
  return swept.map((axis) => metricChartAgainst(family, axis, swept));
}

export function buildMetricChart(family: ExperimentFamily, spec: MetricChartSpec, records: readonly TrialRecord[], selectedMetric: string): LineChartData {
  const metric = spec.fixedMetric ?? selectedMetric;
  return metricLineChart(family, spec, metric, metricSeries(family, records, metric, spec.x, spec.lineBy, spec.filter));
}

/** A chart of `series` of a metric against `spec.x`, titled by what its lines and fixed part are (and `titleTail`). */
export function metricLineChart(
  family: ExperimentFamily,
  spec: Pick<MetricChartSpec, 'id' | 'x' | 'lineBy' | 'filter'>,
  metricName: string,
  series: LineSeries[],
  titleTail = '',
): LineChartData {
  const metric = metricDefinition(family, metricName);
  const xAxis = axisDefinition(family, spec.x);
  return {
    kind: 'line',
    id: spec.id,
    title: `${metric.label} vs ${xAxis.noun}${titleSuffix(family, spec.lineBy, spec.filter, 'line')}${titleTail}`,
    xLabel: xAxis.label,
    // The panel prefixes "Mean" or "Median" (its line choice) where a line summarizes trials.
    yLabel: metric.label,
    metric: metric.name,
    xScale: xAxis.scale,
    yScale: metric.scale,
    band: metric.band,
    ...(metric.line ? { line: metric.line } : {}),
    curves: false,
    series,
    pointTrials: { x: spec.x, filter: { ...spec.filter } },
  };
}

/**
 * Several runs' versions of one line chart drawn on the same axes: each line keeps its
 * identity per run (key prefixed with the run id) and says which run it is from.
 */
export function overlayLineCharts(parts: ReadonlyArray<{ runId: string; runLabel: string; chart: LineChartData }>): LineChartData {
  if (parts.length === 0) throw new RangeError('overlayLineCharts: no charts, expected at least one');
  const { theory: _firstTheory, ...first } = parts[0].chart;
  // Each run's theory lines follow its own measured lines; the constants differ per run, so no one caption.
  const theoryLines = parts.flatMap(({ runId, chart }) => (chart.theory?.lines ?? []).map((line) => ({ ...line, key: `${runId}|${line.key}` })));
  return {
    ...first,
    series: parts.flatMap(({ runId, runLabel, chart }, runIndex) =>
      chart.series.map((series) => ({ ...series, key: `${runId}|${series.key}`, label: `${runLabel}: ${series.label}`, runIndex })),
    ),
    ...(theoryLines.length > 0 ? { theory: { caption: 'Theory lines are fitted per run; a single run shows its constants.', lines: theoryLines } } : {}),
  };
}
