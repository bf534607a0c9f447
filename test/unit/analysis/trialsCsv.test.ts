import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trialsCsv } from '../../../src/core/analysis/trialsCsv';
import { teacherStudentFamily } from '../../../src/core/families/teacher-student/family';
import { fakeRecord } from './fakeRecord';

test('a row per trial with the run, identity, every axis and every metric by name; failed trials say why', () => {
  const records = [
    fakeRecord({ cell: 'samples=50,r=5', trial: 0, seed: 11, samples: 50, generalizationError: 0.25, success: false }),
    fakeRecord({ cell: 'samples=50,r=5', trial: 1, seed: 12, samples: 50, generalizationError: 1e-9, success: true }),
    { ...fakeRecord({ cell: 'samples=50,r=5', trial: 2, seed: 13, samples: 50 }), failed: 'overflow, at iteration 3' },
  ];
  const lines = trialsCsv(teacherStudentFamily, [{ run: '2025-01-01T00-00-00Z', records }]).trimEnd().split('\r\n');
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(0, 4), ['run', 'cell', 'trial', 'seed']);
  for (const axis of teacherStudentFamily.axes) assert.ok(header.includes(axis.name), axis.name);
  for (const metric of teacherStudentFamily.metrics) assert.ok(header.includes(metric.name), metric.name);
  assert.equal(header[header.length - 1], 'failed');
  assert.equal(lines.length, 4);
  const cells = (line: string) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const [first, second, failed] = lines.slice(1).map(cells);
  assert.equal(first[header.indexOf('cell')], '"samples=50,r=5"', 'a field with a comma is quoted');
  assert.equal(first[header.indexOf('generalizationError')], '0.25');
  assert.equal(first[header.indexOf('successRate')], '0');
  assert.equal(second[header.indexOf('successRate')], '1');
  assert.equal(second[header.indexOf('seed')], '12');
  assert.equal(failed[header.indexOf('generalizationError')], '', 'a failed trial has no metrics');
  assert.equal(failed[header.indexOf('failed')], '"overflow, at iteration 3"');
});
