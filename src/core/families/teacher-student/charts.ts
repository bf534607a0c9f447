// Which charts a teacher-student run deserves, decided by what it sweeps (paper.md §4): the
// metric against each swept axis with one line per combination of the others, the success
// heatmap over (r, N) with its boundary, the median trial's error curves and the convergence
// rate. Then each chart's data. Pure (no Node APIs).
import type { TrialRecord as AnyTrialRecord } from '../../../shared/trialRecord';
import type { ChartData, LineSeries, SuccessCell } from '../../analysis/chartData';
import { curvePoints } from '../../analysis/curvePoints';
import { groupIntoLines } from '../../analysis/series';
import { combinations, describeFilter, matchesFilter, partKey, sweptAxes } from '../../analysis/seriesAxes';
import { buildMetricChart, metricChartAgainst, titleSuffix, type MetricChartSpec } from '../../analysis/seriesPlan';
import type { AxisValues, ChartSpec, ExperimentFamily } from '../experimentFamily';
import { maskCharts, maskVariantsChart, type MaskVariantsSpec } from './maskCharts';
import { phaseBoundary } from './phaseBoundary';
import { recordsAtSharedSamples } from './adaptive/sharedSamples';
import { boundaryTheory } from './theory/boundaryTheory';
import { noiseTheory, rateTheory } from './theory/trendTheory';
import type { Experiment, SweepAxis, TrialRecord } from './types';

export type TeacherStudentChart =
  | MetricChartSpec
  | MaskVariantsSpec
  | { kind: 'curves'; id: string; lineBy: string[]; filter: Record<string, number> }
  | { kind: 'heatmap'; id: string; filter: Record<string, number> };

/** Axes whose metric chart comes first: a preset sweeping them is about them (noise, momentum, mask, init). */
const SPECIFIC_AXES: readonly SweepAxis[] = ['noiseStd', 'momentum', 'extraPerNeuron', 'missingPerNeuron', 'initDistance'];
/** More separate heatmaps than this (one per value of the other swept axes) and the grid is pooled into one. */
const MAX_HEATMAPS = 6;

/**
 * `curveSamples` picks the N of the per-iteration chart when N is swept (default: the largest, where curves converge);
 * `magnitude`: the runs find their masks by magnitude pruning, whose charts come first.
 */
export function teacherStudentChartPlan(family: ExperimentFamily, values: AxisValues, curveSamples?: number, magnitude = false): TeacherStudentChart[] {
  const swept = sweptAxes(family, values);
  const others = (axis: string) => swept.filter((other) => other !== axis);
  const specs: TeacherStudentChart[] = magnitude ? maskCharts(family, values) : [];

  for (const axis of [...SPECIFIC_AXES, 'samples', 'nonzerosPerNeuron'].filter((candidate) => swept.includes(candidate))) {
    specs.push(metricChartAgainst(family, axis, swept));
  }
  if (swept.length === 0) specs.push(metricChartAgainst(family, 'samples', []));

  if (swept.includes('samples') && swept.includes('nonzerosPerNeuron')) {
    const rest = swept.filter((axis) => axis !== 'samples' && axis !== 'nonzerosPerNeuron');
    const filters = combinations(rest, values);
    for (const filter of filters.length <= MAX_HEATMAPS ? filters : [{}]) {
      specs.push({ kind: 'heatmap', id: `heatmap:${partKey(family, filter)}`, filter });
    }
  }

  const largestSamples = values.samples[values.samples.length - 1];
  const curveFilter: Record<string, number> =
    swept.includes('samples') && largestSamples !== undefined
      ? { samples: curveSamples !== undefined && values.samples.includes(curveSamples) ? curveSamples : largestSamples }
      : {};
  specs.push({ kind: 'curves', id: 'curves', lineBy: others('samples'), filter: curveFilter });

  if (swept.length > 0) {
    const rateAxis = swept.includes('nonzerosPerNeuron') ? 'nonzerosPerNeuron' : (others('samples')[0] ?? 'samples');
    specs.push({ kind: 'metric', id: `rate:${rateAxis}`, x: rateAxis, lineBy: others(rateAxis), filter: {}, fixedMetric: 'convergenceRate' });
  }
  return specs;
}

/** The data of one chart of the plan; `selectedMetric` is the user's pick for metric charts. */
export function teacherStudentChart(
  family: ExperimentFamily,
  chartSpec: ChartSpec,
  records: readonly AnyTrialRecord[],
  selectedMetric: string,
  values: AxisValues,
  experiment?: Experiment,
): ChartData {
  const spec = chartSpec as TeacherStudentChart;
  switch (spec.kind) {
    case 'metric': {
      // An adaptive search's lines per N: only the N every r has (a partial or sharded grid keeps all of its own).
      const sharedOnly = experiment?.adaptiveSamples !== undefined && spec.lineBy.includes('samples');
      const chart = buildMetricChart(family, spec, sharedOnly ? recordsAtSharedSamples(records) : records, selectedMetric);
      const theory =
        spec.fixedMetric === 'convergenceRate' ? (experiment ? rateTheory(family, records, spec, experiment) : null) : noiseTheory(family, records, spec, chart.metric);
      return theory ? { ...chart, theory } : chart;
    }
    case 'mask-variants':
      return maskVariantsChart(family, spec, records, selectedMetric);
    case 'curves':
      return {
        kind: 'line',
        id: spec.id,
        title: `Relative weight error vs iteration (median trial)${titleSuffix(family, spec.lineBy, spec.filter, 'curve')}`,
        xLabel: 'Iteration',
        yLabel: 'Relative weight error',
        metric: 'relativeError',
        xScale: 'linear',
        yScale: 'log',
        band: false,
        curves: true,
        series: medianTrialCurves(family, records, spec.lineBy, spec.filter),
      };
    case 'heatmap': {
      const cells = successCells(records, spec.filter);
      const boundaryCells = cells.map((cell) => ({ values: cell, trials: cell.trials, successes: cell.successes }));
      const fixed = describeFilter(family, spec.filter);
      return {
        kind: 'heatmap',
        id: spec.id,
        title: `Success rate over (r, N), the boundary N* = a·r + b and the theory's N* = c·r${fixed ? ` (${fixed})` : ''}`,
        rValues: values.nonzerosPerNeuron,
        sampleValues: values.samples,
        cells,
        filter: { ...spec.filter },
        boundary: phaseBoundary(boundaryCells),
        theory: boundaryTheory(boundaryCells, experiment ? { hiddenUnits: experiment.hiddenUnits } : {}),
      };
    }
  }
}

/** The trial with the median final error of a list (the lower middle one for an even count). */
export function medianTrial(records: readonly TrialRecord[]): TrialRecord {
  if (records.length === 0) throw new RangeError('medianTrial: no records, expected at least one');
  // A diverged trial's error is null on disk (JSON has no Infinity): it ranks last.
  const error = (record: TrialRecord) => (typeof record.relativeError === 'number' ? record.relativeError : Infinity);
  const sorted = [...records].sort((left, right) => (error(left) < error(right) ? -1 : error(left) > error(right) ? 1 : left.trial - right.trial));
  return sorted[(sorted.length - 1) >> 1];
}

/**
 * Relative weight error against iteration, one curve per combination of the `lineBy` axes: the
 * curve of the group's median trial (a mean of curves that stop at different iterations would
 * be no trial's curve). Points have count 1 and no spread.
 */
export function medianTrialCurves(
  family: ExperimentFamily,
  records: readonly AnyTrialRecord[],
  lineBy: readonly string[],
  filter: Readonly<Record<string, number>> = {},
): LineSeries[] {
  return groupIntoLines(family, records, lineBy, filter).map((line) => {
    const trial = medianTrial(line.records as unknown as TrialRecord[]);
    const { iterations, relativeError } = trial.curve;
    return { key: line.key, label: `${line.label} (trial ${trial.trial})`, group: line.group, points: curvePoints(iterations, relativeError) };
  });
}

/** Success counts over (r, N), sorted by r then N; the input of the heatmap and of phaseBoundary(). */
export function successCells(records: readonly AnyTrialRecord[], filter: Readonly<Record<string, number>> = {}): SuccessCell[] {
  const cells = new Map<string, SuccessCell>();
  for (const record of records as unknown as readonly TrialRecord[]) {
    if (!matchesFilter(record as unknown as AnyTrialRecord, filter)) continue;
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
