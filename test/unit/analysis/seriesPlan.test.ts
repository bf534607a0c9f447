import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChartData, LineChartData } from '../../../src/core/analysis/chartData';
import { axisValues as familyAxisValues } from '../../../src/core/analysis/seriesAxes';
import { overlayLineCharts } from '../../../src/core/analysis/seriesPlan';
import { chartCsv, chartsCsv } from '../../../src/core/analysis/seriesCsv';
import { runFolderName, runsGrid } from '../../../src/core/analysis/seriesRuns';
import type { AxisValues } from '../../../src/core/families/experimentFamily';
import { teacherStudentChart, teacherStudentChartPlan, type TeacherStudentChart } from '../../../src/core/families/teacher-student/charts';
import { teacherStudentFamily as family } from '../../../src/core/families/teacher-student/family';
import type { SweepAxis, TrialRecord } from '../../../src/core/families/teacher-student/types';
import { fakeRecord } from './fakeRecord';

const axisValues = (records: TrialRecord[], resolvedAxes?: AxisValues) => familyAxisValues(family, records, resolvedAxes);
const chartPlan = (values: AxisValues, curveSamples?: number) => teacherStudentChartPlan(family, values, curveSamples);
const buildChart = (spec: TeacherStudentChart, records: TrialRecord[], metric: string, values: AxisValues): ChartData =>
  teacherStudentChart(family, spec, records, metric, values);

/** Records on the full grid of the given axis values, one trial per cell, succeeding when N >= 20·r. */
function recordsOn(axes: Partial<Record<SweepAxis, number[]>>): TrialRecord[] {
  let cells: Array<Partial<TrialRecord>> = [{}];
  for (const [axis, values] of Object.entries(axes)) cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [axis]: value })));
  return cells.map((cell) => {
    const record = fakeRecord(cell);
    return { ...record, pruningRatio: 1 - record.nonzerosPerNeuron / 100, success: record.samples >= 20 * record.nonzerosPerNeuron };
  });
}

test('chartPlan: an N x r sweep gets error vs N per ratio, vs ratio per N, the heatmap, curves per r at the largest N, rate vs r', () => {
  const values = axisValues(recordsOn({ samples: [50, 100, 200], nonzerosPerNeuron: [2, 5, 10] }));
  const plan = chartPlan(values);
  assert.deepEqual(plan.map((spec) => spec.id), ['metric:samples', 'metric:pruningRatio', 'heatmap:', 'curves', 'rate:nonzerosPerNeuron']);
  assert.deepEqual(plan[0], { kind: 'metric', id: 'metric:samples', x: 'samples', lineBy: ['nonzerosPerNeuron'], filter: {} });
  assert.deepEqual(plan[1].kind === 'metric' && plan[1].lineBy, ['samples']);
  assert.deepEqual(plan[3], { kind: 'curves', id: 'curves', lineBy: ['nonzerosPerNeuron'], filter: { samples: 200 } });
  assert.deepEqual(chartPlan(values, 100)[3].filter, { samples: 100 }, 'the chosen N when it is on the grid');
  assert.deepEqual(chartPlan(values, 123)[3].filter, { samples: 200 }, 'the largest N when the choice is not on the grid');
});

test('chartPlan: the axis a preset is about comes first, with one line per r (noise, momentum)', () => {
  const noise = chartPlan(axisValues(recordsOn({ noiseStd: [0, 0.01, 0.1], nonzerosPerNeuron: [5, 10] })));
  assert.deepEqual(noise[0], { kind: 'metric', id: 'metric:noiseStd', x: 'noiseStd', lineBy: ['nonzerosPerNeuron'], filter: {} });
  assert.ok(!noise.some((spec) => spec.kind === 'heatmap'), 'no heatmap without an N axis');
  const momentum = chartPlan(axisValues(recordsOn({ momentum: [0, 0.5] })));
  assert.deepEqual(momentum.map((spec) => spec.id), ['metric:momentum', 'curves', 'rate:momentum']);
  assert.deepEqual(momentum[1].kind === 'curves' && momentum[1].lineBy, ['momentum'], 'AGD vs GD: one error curve per momentum');
});

test('chartPlan: one heatmap per value of a third swept axis, pooled when there would be too many', () => {
  const few = chartPlan(axisValues(recordsOn({ samples: [50, 100], nonzerosPerNeuron: [2, 5], noiseStd: [0, 0.1] })));
  assert.deepEqual(few.filter((spec) => spec.kind === 'heatmap').map((spec) => spec.filter), [{ noiseStd: 0 }, { noiseStd: 0.1 }]);
  const many = chartPlan(axisValues(recordsOn({ samples: [50, 100], nonzerosPerNeuron: [2, 5], noiseStd: [0, 1, 2, 3, 4, 5, 6] })));
  assert.deepEqual(many.filter((spec) => spec.kind === 'heatmap').map((spec) => spec.filter), [{}]);
});

test('chartPlan: a single cell still gets a metric chart and its error curve', () => {
  assert.deepEqual(chartPlan(axisValues([fakeRecord({})])).map((spec) => spec.id), ['metric:samples', 'curves']);
});

test('buildChart: the heatmap lists the whole grid and fits the boundary through the crossings', () => {
  const records = recordsOn({ samples: [25, 50, 100, 200, 400], nonzerosPerNeuron: [2, 5, 10] });
  const values = axisValues(records, { samples: [25, 50, 100, 200, 400, 800] });
  const chart = buildChart({ kind: 'heatmap', id: 'heatmap:', filter: {} }, records, 'generalizationError', values);
  assert.equal(chart.kind, 'heatmap');
  if (chart.kind !== 'heatmap') return;
  assert.deepEqual(chart.sampleValues, [25, 50, 100, 200, 400, 800], 'N of the file not run yet is on the axis');
  assert.equal(chart.cells.length, 15);
  assert.deepEqual(chart.boundary.crossings.map((crossing) => crossing.status), ['crossed', 'crossed', 'crossed']);
  assert.ok(chart.boundary.fit && chart.boundary.fit.slope > 0, 'more non-zeros need more samples');
});

test('buildChart: metric charts take the selected metric, the rate chart keeps its own; titles say what is plotted', () => {
  const records = recordsOn({ samples: [50, 100], nonzerosPerNeuron: [2, 5] });
  const values = axisValues(records);
  const [errorVsSamples, , , , rate] = chartPlan(values).map((spec) => buildChart(spec, records, 'relativeError', values));
  assert.equal(errorVsSamples.title, 'Relative weight error vs N, one line per pruning ratio');
  assert.equal(errorVsSamples.kind === 'line' && errorVsSamples.metric, 'relativeError');
  assert.equal(rate.kind === 'line' && rate.metric, 'convergenceRate');
  assert.equal(rate.title, 'Convergence rate vs r, one line per N');
  // One slow trial moves a mean rate enough to reorder r: the rate chart's lines are medians whatever the panel's Line setting.
  assert.equal(rate.kind === 'line' && rate.line, 'median');
  assert.equal(errorVsSamples.kind === 'line' && errorVsSamples.line, undefined, 'other metrics follow the setting');
});

test('overlayLineCharts: lines of each run keep distinct keys and say which run they are from', () => {
  const records = recordsOn({ samples: [50, 100], nonzerosPerNeuron: [2, 5] });
  const values = axisValues(records);
  const chart = buildChart(chartPlan(values)[0], records, 'generalizationError', values) as LineChartData;
  const overlaid = overlayLineCharts([
    { runId: 'a', runLabel: 'run A', chart },
    { runId: 'b', runLabel: 'run B', chart },
  ]);
  assert.equal(overlaid.series.length, 2 * chart.series.length);
  assert.equal(new Set(overlaid.series.map((series) => series.key)).size, overlaid.series.length);
  assert.deepEqual(overlaid.series.map((series) => series.runIndex), [0, 0, 1, 1]);
  assert.match(overlaid.series[2].label, /^run B: /);
});

test('chartCsv: one row per plotted point, grouping axes as columns, fields quoted when needed', () => {
  const records = recordsOn({ samples: [50, 100, 200], nonzerosPerNeuron: [2, 5], noiseStd: [0, 0.1] });
  const values = axisValues(records);
  const spec = chartPlan(values).find((candidate) => candidate.id === 'metric:samples');
  assert.ok(spec);
  const chart = buildChart(spec, records, 'generalizationError', values) as LineChartData;
  const lines = chartCsv(chart).trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 3 * 2 * 2);
  assert.equal(lines[0], 'series,nonzerosPerNeuron,noiseStd,Training samples N,trials,generalizationError_mean,generalizationError_median,generalizationError_std,generalizationError_min,generalizationError_max');
  assert.match(lines[1], /^"ratio 0\.98 \(r = 2\), noise 0",2,0,50,1,/, 'a label with a comma is quoted');

  const heatmap = buildChart({ kind: 'heatmap', id: 'h', filter: { noiseStd: 0 } }, records, 'generalizationError', values);
  const heatmapLines = chartCsv(heatmap).trimEnd().split('\r\n');
  assert.equal(heatmapLines.length, 1 + 3 * 2);
  assert.equal(heatmapLines[0], 'nonzerosPerNeuron,samples,trials,successes,successRate,boundaryStatus,boundarySamples');
  assert.match(heatmapLines[1], /^2,50,1,1,1,always-succeeds,$/, 'r = 2 succeeds from the smallest N: no crossing');
});

test('chartsCsv: several charts in one table with a chart column and the union of their columns', () => {
  const records = recordsOn({ samples: [50, 100], nonzerosPerNeuron: [2, 5] });
  const values = axisValues(records);
  const charts = chartPlan(values).map((spec) => buildChart(spec, records, 'generalizationError', values));
  const lines = chartsCsv(charts).trimEnd().split('\r\n');
  const header = lines[0].split(',');
  assert.equal(header[0], 'chart');
  assert.ok(header.includes('successRate') && header.includes('generalizationError_mean') && header.includes('iteration'), header.join(','));
  const expectedRows = charts.reduce((total, chart) => total + chartCsv(chart).trimEnd().split('\r\n').length - 1, 0);
  assert.equal(lines.length, 1 + expectedRows);
  const heatmapRow = lines.find((line) => line.startsWith('"Success rate over (r, N)'));
  assert.ok(heatmapRow, 'the heatmap rows are named by their chart title');
  const cells = heatmapRow.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  assert.equal(cells.length, header.length);
  assert.equal(cells[header.indexOf('generalizationError_mean')], '', 'a column the heatmap does not have stays empty');
});

test('runsGrid: an axis constant within each run but different between runs names the runs instead of splitting lines', () => {
  const agd = recordsOn({ samples: [50, 100], nonzerosPerNeuron: [2, 5] }).map((record) => ({ ...record, momentum: 0.5 }));
  const gd = recordsOn({ samples: [50, 100], nonzerosPerNeuron: [2, 5] }).map((record) => ({ ...record, momentum: 0 }));
  const grid = runsGrid(family, [
    { runId: 'exp/2025-01-01T00-00-00Z', records: agd },
    { runId: 'exp/2025-01-02T00-00-00Z', records: gd, axes: { samples: [50, 100, 200], momentum: [0] } },
  ]);
  assert.deepEqual(grid.values.samples, [50, 100, 200], 'the union of the grids, with what the resolved experiment lists');
  assert.equal(grid.values.momentum.length, 1, 'momentum is not a sweep axis of the charts');
  assert.deepEqual([...grid.labels.values()], ['β = 0.5', 'β = 0 (GD)']);

  const same = runsGrid(family, [
    { runId: 'exp/first', records: agd },
    { runId: 'exp/second', records: agd },
  ]);
  assert.deepEqual([...same.labels.values()], ['first', 'second'], 'identical runs are named by their folders');
  assert.equal(runFolderName('exp/2025-01-01T00-00-00Z'), '2025-01-01T00-00-00Z');
});
