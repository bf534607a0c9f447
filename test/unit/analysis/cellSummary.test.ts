import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeCells, variedAxes } from '../../../src/core/analysis/cellSummary';
import { describe, quartiles } from '../../../src/core/analysis/statistics';
import { teacherStudentFamily } from '../../../src/core/families/teacher-student/family';
import { fakeRecord } from './fakeRecord';

test('summarizeCells: groups by cell, counts successes, describes each metric', () => {
  const records = [
    fakeRecord({ samples: 50, trial: 0, success: false, relativeError: 0.4, generalizationError: 0.2, relativeGeneralizationError: 0.5, convergenceRate: null }),
    fakeRecord({ samples: 100, trial: 1, success: true, relativeError: 1e-6, generalizationError: 3e-12, relativeGeneralizationError: 1e-11, convergenceRate: 0.4 }),
    fakeRecord({ samples: 50, trial: 1, success: true, relativeError: 1e-4, generalizationError: 1e-8, relativeGeneralizationError: 2e-8, convergenceRate: 0.6 }),
    fakeRecord({ samples: 100, trial: 0, success: true, relativeError: 3e-6, generalizationError: 5e-12, relativeGeneralizationError: 3e-11, convergenceRate: 0.2 }),
    fakeRecord({ samples: 50, trial: 2, success: false, relativeError: 0.2, generalizationError: 0.1, relativeGeneralizationError: 0.25, convergenceRate: 0.9 }),
  ];
  const [small, large] = summarizeCells(teacherStudentFamily, records);
  assert.equal(small.values.samples, 50);
  assert.equal(small.trials, 3);
  assert.equal(small.successes, 1);
  assert.equal(small.successRate, 1 / 3);
  assert.deepEqual(small.relativeError, describe([0.4, 1e-4, 0.2]));
  assert.deepEqual(small.generalizationError, describe([0.2, 1e-8, 0.1]));
  assert.deepEqual(small.relativeGeneralizationError, describe([0.5, 2e-8, 0.25]));
  assert.deepEqual(small.convergenceRate, quartiles([0.6, 0.9]), 'the trial without a linear phase is left out');
  assert.equal(large.values.samples, 100);
  assert.equal(large.trials, 2);
  assert.equal(large.successRate, 1);
  assert.deepEqual(large.convergenceRate, quartiles([0.4, 0.2]));
});

test('summarizeCells: the result does not depend on record order', () => {
  const records = [];
  for (const samples of [200, 50, 100]) for (const nonzerosPerNeuron of [3, 1]) for (const trial of [0, 1]) {
    records.push(fakeRecord({ samples, nonzerosPerNeuron, trial, relativeError: samples * 1e-3 + nonzerosPerNeuron + trial }));
  }
  const forward = summarizeCells(teacherStudentFamily, records);
  const backward = summarizeCells(teacherStudentFamily, [...records].reverse());
  assert.deepEqual(backward, forward);
  assert.deepEqual(forward.map((cell) => [cell.values.samples, cell.values.nonzerosPerNeuron]), [
    [50, 1], [50, 3], [100, 1], [100, 3], [200, 1], [200, 3],
  ]);
});

test('summarizeCells: no trial with a convergence rate gives null', () => {
  const [cell] = summarizeCells(teacherStudentFamily, [fakeRecord({ convergenceRate: null }), fakeRecord({ trial: 1, convergenceRate: null })]);
  assert.equal(cell.convergenceRate, null);
});

test('summarizeCells: the convergence rate is a median with quartiles, which one slow trial cannot move far', () => {
  const rates = [0.9, 0.91, 0.92, 0.999];
  const [cell] = summarizeCells(teacherStudentFamily, rates.map((convergenceRate, trial) => fakeRecord({ trial, convergenceRate })));
  const rate = cell.convergenceRate as { count: number; median: number; lowerQuartile: number; upperQuartile: number };
  assert.equal(rate.count, 4);
  assert.ok(Math.abs(rate.median - 0.915) < 1e-15, `median ${rate.median}`);
  // Quartiles interpolate between order statistics at (n - 1)p: 0.75 and 2.25.
  assert.ok(Math.abs(rate.lowerQuartile - 0.9075) < 1e-15, `lower quartile ${rate.lowerQuartile}`);
  assert.ok(Math.abs(rate.upperQuartile - (0.92 + 0.25 * 0.079)) < 1e-15, `upper quartile ${rate.upperQuartile}`);
});

test('variedAxes: only the axes with more than one value', () => {
  const cells = summarizeCells(teacherStudentFamily, [
    fakeRecord({ samples: 50, noiseStd: 0.1 }),
    fakeRecord({ samples: 100, noiseStd: 0.1 }),
    fakeRecord({ samples: 100, noiseStd: 0.2 }),
  ]);
  assert.deepEqual(variedAxes(teacherStudentFamily, cells), ['samples', 'noiseStd']);
});
