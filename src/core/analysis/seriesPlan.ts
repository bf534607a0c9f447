// Which charts a run deserves, decided by what it sweeps (paper.md §4): a metric against
// each swept axis with one line per combination of the others, the success heatmap over
// (r, N) with its boundary, the median trial's error curves and the convergence rate.
// Then each chart's data, ready to draw or to write as CSV. Pure (no Node APIs).
import { SWEEP_AXES, type SweepAxis, type SweepCell, type TrialRecord } from '../families/teacher-student/types';
import { phaseBoundary, type PhaseBoundary } from '../families/teacher-student/phaseBoundary';
import { medianTrialCurves, metricSeries, successCells, type LineSeries, type SuccessCell } from './series';
import { axisLabel, axisNoun, describeFilter, METRICS, sweptAxes, type MetricName, type PlotAxis } from './seriesAxes';

export type ChartSpec =
  | {
      kind: 'metric';
      id: string;
      x: PlotAxis;
      lineBy: SweepAxis[];
      filter: Partial<SweepCell>;
      /** A chart about one metric whatever the user picked (the convergence rate chart). */
      fixedMetric?: MetricName;
    }
  | { kind: 'curves'; id: string; lineBy: SweepAxis[]; filter: Partial<SweepCell> }
  | { kind: 'heatmap'; id: string; filter: Partial<SweepCell> };

export interface LineChartData {
  kind: 'line';
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  metric: MetricName;
  /** Error curves of single trials (against iteration, log y) rather than a metric over trials. */
  curves: boolean;
  series: LineSeries[];
}

export interface HeatmapChartData {
  kind: 'heatmap';
  id: string;
  title: string;
  /** Every r and N of the grid (also those without trials yet), sorted. */
  rValues: number[];
  sampleValues: number[];
  cells: SuccessCell[];
  boundary: PhaseBoundary;
}

export type ChartData = LineChartData | HeatmapChartData;

/** Axes whose metric chart comes first: a preset sweeping them is about them (noise, momentum, mask, init). */
const SPECIFIC_AXES: readonly SweepAxis[] = ['noiseStd', 'momentum', 'extraPerNeuron', 'missingPerNeuron', 'initDistance'];
/** More separate heatmaps than this (one per value of the other swept axes) and the grid is pooled into one. */
const MAX_HEATMAPS = 6;

/**
 * The charts for a grid with these axis values (see axisValues()). `curveSamples` picks
 * the N of the per-iteration chart when N is swept (default: the largest, where curves
 * converge).
 */
export function chartPlan(values: Record<SweepAxis, number[]>, curveSamples?: number): ChartSpec[] {
  const swept = sweptAxes(values);
  const others = (axis: SweepAxis) => swept.filter((other) => other !== axis);
  const specs: ChartSpec[] = [];

  const lineAxes = [...SPECIFIC_AXES, 'samples', 'nonzerosPerNeuron'] as const;
  for (const axis of lineAxes.filter((candidate) => swept.includes(candidate))) {
    const x: PlotAxis = axis === 'nonzerosPerNeuron' ? 'pruningRatio' : axis;
    specs.push({ kind: 'metric', id: `metric:${x}`, x, lineBy: others(axis), filter: {} });
  }
  if (swept.length === 0) specs.push({ kind: 'metric', id: 'metric:samples', x: 'samples', lineBy: [], filter: {} });

  if (swept.includes('samples') && swept.includes('nonzerosPerNeuron')) {
    const rest = swept.filter((axis) => axis !== 'samples' && axis !== 'nonzerosPerNeuron');
    const filters = combinations(rest, values);
    for (const filter of filters.length <= MAX_HEATMAPS ? filters : [{}]) {
      specs.push({ kind: 'heatmap', id: `heatmap:${filterKey(filter)}`, filter });
    }
  }

  const samplesSwept = swept.includes('samples');
  const largestSamples = values.samples[values.samples.length - 1];
  const curveFilter: Partial<SweepCell> =
    samplesSwept && largestSamples !== undefined
      ? { samples: curveSamples !== undefined && values.samples.includes(curveSamples) ? curveSamples : largestSamples }
      : {};
  specs.push({ kind: 'curves', id: 'curves', lineBy: others('samples'), filter: curveFilter });

  if (swept.length > 0) {
    const rateAxis: SweepAxis = swept.includes('nonzerosPerNeuron') ? 'nonzerosPerNeuron' : (others('samples')[0] ?? 'samples');
    specs.push({ kind: 'metric', id: `rate:${rateAxis}`, x: rateAxis, lineBy: others(rateAxis), filter: {}, fixedMetric: 'convergenceRate' });
  }
  return specs;
}

/** Every combination of the values of `axes` (one empty filter when there are none). */
function combinations(axes: readonly SweepAxis[], values: Record<SweepAxis, number[]>): Array<Partial<SweepCell>> {
  let result: Array<Partial<SweepCell>> = [{}];
  for (const axis of axes) result = result.flatMap((partial) => values[axis].map((value) => ({ ...partial, [axis]: value })));
  return result;
}

function filterKey(filter: Partial<SweepCell>): string {
  return SWEEP_AXES.filter((axis) => filter[axis] !== undefined)
    .map((axis) => `${axis}=${filter[axis]}`)
    .join(',');
}

function titleSuffix(lineBy: readonly SweepAxis[], filter: Partial<SweepCell>, lineWord: string): string {
  const nouns = lineBy.map((axis) => axisNoun(axis === 'nonzerosPerNeuron' ? 'pruningRatio' : axis));
  const perLine = nouns.length > 0 ? `, one ${lineWord} per ${nouns.join(' × ')}` : '';
  const fixed = describeFilter(filter);
  return `${perLine}${fixed ? ` (${fixed})` : ''}`;
}

/** The data of one chart of the plan; `selectedMetric` is the user's pick for metric charts. */
export function buildChart(
  spec: ChartSpec,
  records: readonly TrialRecord[],
  selectedMetric: MetricName,
  values: Record<SweepAxis, number[]>,
): ChartData {
  switch (spec.kind) {
    case 'metric': {
      const metric = spec.fixedMetric ?? selectedMetric;
      const label = METRICS[metric].label;
      return {
        kind: 'line',
        id: spec.id,
        title: `${label} vs ${axisNoun(spec.x)}${titleSuffix(spec.lineBy, spec.filter, 'line')}`,
        xLabel: axisLabel(spec.x),
        // The panel prefixes "Mean" or "Median" (its line choice) where a line summarizes trials.
        yLabel: label,
        metric,
        curves: false,
        series: metricSeries(records, metric, spec.x, spec.lineBy, spec.filter),
      };
    }
    case 'curves':
      return {
        kind: 'line',
        id: spec.id,
        title: `Relative weight error vs iteration (median trial)${titleSuffix(spec.lineBy, spec.filter, 'curve')}`,
        xLabel: 'Iteration',
        yLabel: METRICS.relativeError.label,
        metric: 'relativeError',
        curves: true,
        series: medianTrialCurves(records, spec.lineBy, spec.filter),
      };
    case 'heatmap': {
      const cells = successCells(records, spec.filter);
      const fixed = describeFilter(spec.filter);
      return {
        kind: 'heatmap',
        id: spec.id,
        title: `Success rate over (r, N) and the boundary N* = a·r + b${fixed ? ` (${fixed})` : ''}`,
        rValues: values.nonzerosPerNeuron,
        sampleValues: values.samples,
        cells,
        boundary: phaseBoundary(cells.map((cell) => ({ values: cell, trials: cell.trials, successes: cell.successes }))),
      };
    }
  }
}

/**
 * Several runs' versions of one line chart drawn on the same axes: each line keeps its
 * identity per run (key prefixed with the run id) and says which run it is from.
 */
export function overlayLineCharts(parts: ReadonlyArray<{ runId: string; runLabel: string; chart: LineChartData }>): LineChartData {
  if (parts.length === 0) throw new RangeError('overlayLineCharts: no charts, expected at least one');
  return {
    ...parts[0].chart,
    series: parts.flatMap(({ runId, runLabel, chart }, runIndex) =>
      chart.series.map((series) => ({ ...series, key: `${runId}|${series.key}`, label: `${runLabel}: ${series.label}`, runIndex })),
    ),
  };
}
