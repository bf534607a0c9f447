import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTeacher } from '../../../src/core/families/teacher-student/model/teacher';
import { buildStudentMask } from '../../../src/core/families/teacher-student/model/studentMask';
import { GaussianInputSource } from '../../../src/core/families/teacher-student/model/gaussianInputs';
import { gatherOnPattern, rowSupport, usedColumns } from '../../../src/core/families/teacher-student/model/sparseRows';
import { range } from '../../../src/core/random/chooseDistinct';
import { toDense } from './support';
import { trialStream } from '../../../src/core/random/trialStreams';

const teacherOptions = { inputDim: 30, hiddenUnits: 4, nonzerosPerNeuron: 6, weights: 'unit-gaussian' as const };

function assertSortedDistinct(support: Int32Array, size: number): void {
  for (let index = 0; index < support.length; index++) {
    assert.ok(support[index] >= 0 && support[index] < size, `index ${support[index]} outside 0..${size - 1}`);
    if (index > 0) assert.ok(support[index - 1] < support[index], 'support not sorted and distinct');
  }
}

test('teacher: K rows of r sorted distinct positions, unit row norms for "unit-gaussian"', () => {
  const teacher = generateTeacher(teacherOptions, trialStream(1, 'teacher'));
  assert.equal(teacher.rowCount, 4);
  assert.equal(teacher.columnCount, 30);
  for (let row = 0; row < 4; row++) {
    const support = rowSupport(teacher, row);
    assert.equal(support.length, 6);
    assertSortedDistinct(support, 30);
    let squaredNorm = 0;
    for (let entry = teacher.rowStart[row]; entry < teacher.rowStart[row + 1]; entry++) squaredNorm += teacher.values[entry] ** 2;
    assert.ok(Math.abs(squaredNorm - 1) < 1e-12);
  }
});

test('teacher: "gaussian" values are N(0, 1) and positions cover all of 0..d-1', () => {
  const teacher = generateTeacher({ inputDim: 50, hiddenUnits: 400, nonzerosPerNeuron: 10, weights: 'gaussian' }, trialStream(2, 'teacher'));
  let sum = 0;
  let squares = 0;
  for (const value of teacher.values) {
    sum += value;
    squares += value * value;
  }
  const count = teacher.values.length;
  assert.ok(Math.abs(sum / count) < 0.06, `mean ${sum / count}`);
  assert.ok(Math.abs(squares / count - 1) < 0.08, `variance ${squares / count}`);
  // Each position is in a row with probability 10/50: in about 80 of the 400 rows (sd 8).
  const hits = new Array(50).fill(0);
  for (const column of teacher.columnIndex) hits[column]++;
  for (const count of hits) assert.ok(count > 50 && count < 110, `position used in ${count} rows`);
});

test('teacher: r > d is refused with a clear message', () => {
  assert.throws(() => generateTeacher({ ...teacherOptions, nonzerosPerNeuron: 31 }, trialStream(1, 'teacher')), /nonzerosPerNeuron 31 exceeds inputDim 30/);
});

test('student mask: accurate = teacher support; extra adds other positions; missing removes teacher positions', () => {
  const teacher = generateTeacher(teacherOptions, trialStream(3, 'teacher'));
  const accurate = buildStudentMask(teacher, { studentMask: 'accurate', extraPerNeuron: 0, missingPerNeuron: 0 }, trialStream(3, 'mask'));
  assert.deepEqual(accurate.columnIndex, teacher.columnIndex);
  assert.deepEqual(accurate.rowStart, teacher.rowStart);

  const mixed = buildStudentMask(teacher, { studentMask: 'accurate', extraPerNeuron: 3, missingPerNeuron: 2 }, trialStream(3, 'mask'));
  for (let row = 0; row < 4; row++) {
    const teacherSupport = Array.from(rowSupport(teacher, row));
    const support = rowSupport(mixed, row);
    assertSortedDistinct(support, 30);
    assert.equal(support.length, 6 - 2 + 3);
    const kept = Array.from(support).filter((column) => teacherSupport.includes(column));
    assert.equal(kept.length, 4, 'two teacher positions missing');
    assert.equal(support.length - kept.length, 3, 'three extra positions outside the teacher support');
  }
});

test('student mask: dense holds every position; impossible counts are refused', () => {
  const teacher = generateTeacher(teacherOptions, trialStream(4, 'teacher'));
  const dense = buildStudentMask(teacher, { studentMask: 'dense', extraPerNeuron: 0, missingPerNeuron: 0 }, trialStream(4, 'mask'));
  for (let row = 0; row < 4; row++) assert.deepEqual(rowSupport(dense, row), range(30));
  const build = (extraPerNeuron: number, missingPerNeuron: number, studentMask: 'accurate' | 'dense' = 'accurate') =>
    buildStudentMask(teacher, { studentMask, extraPerNeuron, missingPerNeuron }, trialStream(4, 'mask'));
  assert.throws(() => build(25, 0), /extraPerNeuron 25 does not fit: inputDim 30 - nonzerosPerNeuron 6 leaves 24/);
  assert.throws(() => build(0, 7), /missingPerNeuron 7/);
  assert.throws(() => build(0, 6), /leaves no weight/);
  assert.doesNotThrow(() => build(1, 6));
  assert.throws(() => build(1, 0, 'dense'), /"dense" already holds all 30 positions/);
});

test('inputs: features-major, nested in N, and a feature does not depend on which others are drawn', () => {
  const features = range(5);
  const small = new Float64Array(5 * 10);
  const large = new Float64Array(5 * 25);
  new GaussianInputSource(9, 'train-inputs', features).drawNext(small, 10, 10);
  new GaussianInputSource(9, 'train-inputs', features).drawNext(large, 25, 25);
  for (let feature = 0; feature < 5; feature++) {
    for (let sample = 0; sample < 10; sample++) assert.equal(small[feature * 10 + sample], large[feature * 25 + sample]);
  }
  // Only feature 3 drawn: same values as in the full draw, other rows untouched.
  const partial = new Float64Array(5 * 10).fill(Number.NaN);
  new GaussianInputSource(9, 'train-inputs', Int32Array.of(3)).drawNext(partial, 10, 10);
  for (let sample = 0; sample < 10; sample++) {
    assert.equal(partial[3 * 10 + sample], small[3 * 10 + sample]);
    assert.ok(Number.isNaN(partial[sample]));
  }
  // Chunked drawing continues each feature's stream.
  const chunked = new Float64Array(5 * 10);
  const source = new GaussianInputSource(9, 'train-inputs', features);
  source.drawNext(chunked, 10, 4);
  const tail = new Float64Array(5 * 10);
  source.drawNext(tail, 10, 6);
  for (let feature = 0; feature < 5; feature++) {
    for (let sample = 0; sample < 6; sample++) assert.equal(tail[feature * 10 + sample], small[feature * 10 + 4 + sample]);
  }
  // Train and test inputs are different draws.
  const test = new Float64Array(5 * 10);
  new GaussianInputSource(9, 'test-inputs', features).drawNext(test, 10, 10);
  assert.notDeepEqual(test, small);
});

test('sparse rows: dense round trip, projection and used columns', () => {
  const teacher = generateTeacher(teacherOptions, trialStream(5, 'teacher'));
  const dense = toDense(teacher, teacher.values);
  let nonzeros = 0;
  for (const value of dense) if (value !== 0) nonzeros++;
  assert.equal(nonzeros, 24);
  assert.deepEqual(gatherOnPattern(teacher, dense), teacher.values);
  const used = usedColumns(teacher);
  assertSortedDistinct(used, 30);
  assert.deepEqual(Array.from(used), [...new Set(teacher.columnIndex)].sort((a, b) => a - b));
});
