// The teacher-student family's registries agree with its types and with the records it writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { familyOf } from '../../../src/core/families/registry';
import { teacherStudentFamily } from '../../../src/core/families/teacher-student/family';
import { SWEEP_AXES } from '../../../src/core/families/teacher-student/types';
import { fakeRecord } from '../analysis/fakeRecord';

test('the registry finds the family by its kind and names the known kinds for an unknown one', () => {
  assert.equal(familyOf('teacher-student'), teacherStudentFamily);
  assert.throws(() => familyOf('lottery'), /unknown experiment kind "lottery"; expected one of "teacher-student"/);
});

test('its axes are SWEEP_AXES in order (cell keys, and so trial seeds, depend on that order)', () => {
  assert.deepEqual(teacherStudentFamily.axes.map((axis) => axis.name), [...SWEEP_AXES]);
  assert.deepEqual(teacherStudentFamily.derivedAxes.map((axis) => [axis.name, axis.from]), [['pruningRatio', 'nonzerosPerNeuron']]);
});

test('every metric reads a value from a record; the default metric and summary columns name known metrics', () => {
  const record = fakeRecord({ success: false, convergenceRate: null, generalizationError: 0.25 });
  const names = teacherStudentFamily.metrics.map((metric) => metric.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.includes(teacherStudentFamily.defaultMetric));
  for (const column of teacherStudentFamily.summaryColumns) assert.ok(names.includes(column.metric), column.metric);
  const value = (name: string) => teacherStudentFamily.metrics.find((metric) => metric.name === name)?.value(record);
  assert.equal(value('generalizationError'), 0.25);
  assert.equal(value('successRate'), 0);
  assert.equal(value('convergenceRate'), null);
});
