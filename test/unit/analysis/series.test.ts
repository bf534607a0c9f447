import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandRange, metricSeries } from '../../../src/core/analysis/series';
import { axisValues, sweptAxes } from '../../../src/core/analysis/seriesAxes';
import { medianTrial, medianTrialCurves, successCells } from '../../../src/core/families/teacher-student/charts';
import { teacherStudentFamily as family } from '../../../src/core/families/teacher-student/family';
import type { TrialRecord } from '../../../src/core/families/teacher-student/types';
import { fakeRecord } from './fakeRecord';

/** A 2 (r) x 2 (N) grid, 3 trials per cell, with errors that encode cell and trial. */
function grid(): TrialRecord[] {
  const records: TrialRecord[] = [];
  for (const nonzerosPerNeuron of [10, 5]) {
    for (const samples of [200, 50]) {
      for (const trial of [2, 0, 1]) {
        const generalizationError = nonzerosPerNeuron / samples + trial * 0.01;
        records.push(
          fakeRecord({ nonzerosPerNeuron, pruningRatio: 1 - nonzerosPerNeuron / 100, samples, trial, generalizationError, success: trial > 0 }),
        );
      }
    }
  }
  return records;
}

test('metricSeries: one line per pruning ratio, sorted by group, points sorted by x and described over trials', () => {
  const lines = metricSeries(family, grid(), 'generalizationError', 'samples', ['nonzerosPerNeuron']);
  assert.deepEqual(lines.map((line) => line.group), [{ nonzerosPerNeuron: 5 }, { nonzerosPerNeuron: 10 }]);
  assert.equal(lines[0].label, 'ratio 0.95 (r = 5)');
  const [smallN, largeN] = lines[0].points;
  assert.deepEqual([smallN.x, largeN.x], [50, 200]);
  assert.equal(smallN.count, 3);
  const values = [0, 1, 2].map((trial) => 5 / 50 + trial * 0.01);
  assert.ok(Math.abs(smallN.mean - (values[0] + values[1] + values[2]) / 3) < 1e-15);
  assert.equal(smallN.min, values[0]);
  assert.equal(smallN.max, values[2]);
  assert.equal(smallN.median, values[1]);
  assert.ok(Math.abs(smallN.std - 0.01) < 1e-12, 'sample std of three values 0.01 apart');
  assert.notEqual(lines[0].key, lines[1].key);
});

test('metricSeries: x may be the pruning ratio, the filter keeps one part of the grid, success becomes a rate', () => {
  const lines = metricSeries(family, grid(), 'successRate', 'pruningRatio', ['samples'], { samples: 50 });
  assert.equal(lines.length, 1);
  assert.deepEqual(lines[0].group, { samples: 50 });
  assert.deepEqual(lines[0].points.map((point) => point.x), [0.9, 0.95]);
  for (const point of lines[0].points) assert.ok(Math.abs(point.mean - 2 / 3) < 1e-15, 'two of three trials succeed');
});

test('metricSeries: no grouping axes gives one line; points and lines where no trial has a value are left out', () => {
  const records = [
    fakeRecord({ samples: 50, convergenceRate: null }),
    fakeRecord({ samples: 100, convergenceRate: 0.4, trial: 0 }),
    fakeRecord({ samples: 100, convergenceRate: null, trial: 1 }),
  ];
  const [line, ...rest] = metricSeries(family, records, 'convergenceRate', 'samples', []);
  assert.equal(rest.length, 0);
  assert.equal(line.label, 'all trials');
  assert.deepEqual(line.points.map((point) => [point.x, point.count, point.mean]), [[100, 1, 0.4]]);
  const noisy = records.map((record) => ({ ...record, noiseStd: 0.1, convergenceRate: null }));
  const lines = metricSeries(family, [...records, ...noisy], 'convergenceRate', 'samples', ['noiseStd']);
  assert.deepEqual(lines.map((byNoise) => byNoise.group), [{ noiseStd: 0 }], 'a line without any value is left out');
});

test('bandRange: the range over trials or one standard deviation either side of the mean', () => {
  const point = { x: 1, count: 3, mean: 2, median: 2, std: 0.5, min: 1, max: 4 };
  assert.deepEqual(bandRange(point, 'min-max'), [1, 4]);
  assert.deepEqual(bandRange(point, 'std'), [1.5, 2.5]);
});

test('medianTrial: the middle final error, the lower middle for an even count, whatever the order', () => {
  const odd = [0.3, 0.1, 0.2].map((relativeError, trial) => fakeRecord({ relativeError, trial }));
  assert.equal(medianTrial(odd).relativeError, 0.2);
  assert.equal(medianTrial([...odd].reverse()).relativeError, 0.2);
  const even = [0.4, 0.1, 0.3, 0.2].map((relativeError, trial) => fakeRecord({ relativeError, trial }));
  assert.equal(medianTrial(even).relativeError, 0.2);
  assert.throws(() => medianTrial([]), /at least one/);
});

test('medianTrialCurves: each group plots its median trial curve, point by point', () => {
  const records = [5, 10].flatMap((nonzerosPerNeuron) =>
    [0.3, 0.1, 0.2].map((relativeError, trial) =>
      fakeRecord({
        nonzerosPerNeuron,
        trial,
        relativeError,
        curve: { iterations: [0, 5, 10], relativeError: [1, relativeError * 2, relativeError] },
      }),
    ),
  );
  const curves = medianTrialCurves(family, records, ['nonzerosPerNeuron']);
  assert.equal(curves.length, 2);
  for (const curve of curves) {
    assert.match(curve.label, /\(trial 2\)$/);
    assert.deepEqual(curve.points.map((point) => [point.x, point.mean, point.min, point.max]), [
      [0, 1, 1, 1],
      [5, 0.4, 0.4, 0.4],
      [10, 0.2, 0.2, 0.2],
    ]);
  }
});

test('successCells: counts per (r, N), pooled over other axes unless filtered', () => {
  const records = [0, 0.1].flatMap((noiseStd) => grid().map((record) => ({ ...record, noiseStd, success: noiseStd === 0 && record.success })));
  const pooled = successCells(records);
  assert.deepEqual(pooled.map((cell) => [cell.nonzerosPerNeuron, cell.samples]), [[5, 50], [5, 200], [10, 50], [10, 200]]);
  for (const cell of pooled) {
    assert.equal(cell.trials, 6);
    assert.equal(cell.successes, 2);
    assert.equal(cell.successRate, 2 / 6);
  }
  const noiseless = successCells(records, { noiseStd: 0 });
  for (const cell of noiseless) assert.deepEqual([cell.trials, cell.successes], [3, 2]);
});

test('axisValues: the records and the resolved experiment together give the grid; sweptAxes lists the varying axes', () => {
  const resolvedAxes = { samples: [200, 50, 100], nonzerosPerNeuron: [5, 10, 20], noiseStd: [0] };
  const values = axisValues(family, grid(), resolvedAxes);
  assert.deepEqual(values.samples, [50, 100, 200], 'sorted, the grid before any record of N = 100 arrived');
  assert.deepEqual(values.nonzerosPerNeuron, [5, 10, 20]);
  assert.deepEqual(values.momentum, [0.5], 'an axis the experiment does not list comes from the records');
  assert.deepEqual(Object.keys(values), family.axes.map((axis) => axis.name), 'every axis of the family, in its order');
  assert.deepEqual(sweptAxes(family, values), ['samples', 'nonzerosPerNeuron']);
  assert.deepEqual(sweptAxes(family, axisValues(family, [fakeRecord({})])), []);
});
