import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convergenceRate, firstIterationAtOrBelow } from '../../../src/core/families/teacher-student/metrics/convergence';
import { downsampleCurve } from '../../../src/core/families/teacher-student/metrics/errorCurve';
import { estimateGeneralizationError } from '../../../src/core/families/teacher-student/metrics/generalization';
import { drawnTestBlocks, keptTestBlocks } from '../../../src/core/families/teacher-student/model/sharedTestSet';
import { alignedRelativeError, alignTeacherToMask } from '../../../src/core/families/teacher-student/metrics/weightError';
import { NeuronMatcher } from '../../../src/core/families/teacher-student/metrics/neuronMatching';
import { typescriptKernel } from '../../../src/core/families/teacher-student/kernels/typescriptKernel';
import { GaussianInputSource } from '../../../src/core/families/teacher-student/model/gaussianInputs';
import { patternFromSupports, usedColumns } from '../../../src/core/families/teacher-student/model/sparseRows';
import { buildStudentMask } from '../../../src/core/families/teacher-student/model/studentMask';
import { generateTeacher } from '../../../src/core/families/teacher-student/model/teacher';
import { toDense } from './support';
import { trialStream } from '../../../src/core/random/trialStreams';

/** e_t = initial · rate^t for t = 0..iterations. */
function geometricHistory(initial: number, rate: number, iterations: number): Float64Array {
  return Float64Array.from({ length: iterations + 1 }, (_, iteration) => initial * rate ** iteration);
}

test('convergence rate recovers the factor of a geometric decay, and is null without a linear phase', () => {
  const history = geometricHistory(0.5, 0.9, 300);
  assert.ok(Math.abs(convergenceRate(history, 300)! - 0.9) < 1e-12);
  // A decay that stalls on a floor: the plateau is excluded (it ends a decade above the final error).
  const withFloor = Float64Array.from(history, (error) => error + 1e-7);
  assert.ok(Math.abs(convergenceRate(withFloor, 300)! - 0.9) < 0.01);
  // Never below 1e-3: no linear phase.
  assert.equal(convergenceRate(geometricHistory(0.5, 0.999, 100), 100), null);
  // Only the recorded iterations count: 2 points below 1e-3 are too few.
  const short = geometricHistory(1e-3 / 0.9, 0.9, 2);
  assert.equal(convergenceRate(short, 2), null);
});

test('iterations to a threshold: the first iteration at or below it, null if never', () => {
  const history = geometricHistory(1, 0.5, 30);
  assert.equal(firstIterationAtOrBelow(history, 30, 1e-3), Math.ceil(Math.log(1e-3) / Math.log(0.5)));
  assert.equal(firstIterationAtOrBelow(history, 30, 1), 0);
  assert.equal(firstIterationAtOrBelow(history, 30, 1e-12), null);
});

test('downsampled curve: uniform in iteration, first and last kept, all points when few', () => {
  const history = geometricHistory(1, 0.5, 1000);
  const curve = downsampleCurve(history, 1000, 11);
  assert.deepEqual(curve.iterations, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  assert.deepEqual(curve.relativeError, curve.iterations.map((iteration) => history[iteration]));
  const uneven = downsampleCurve(history, 7, 4);
  assert.deepEqual(uneven.iterations, [0, 2, 5, 7]);
  assert.deepEqual(downsampleCurve(history, 3, 100).iterations, [0, 1, 2, 3]);
});

test('weight errors: aligned error counts off-mask teacher weights; permutation error ignores row order', () => {
  const teacher = generateTeacher({ inputDim: 12, hiddenUnits: 4, nonzerosPerNeuron: 3, weights: 'gaussian' }, trialStream(1, 'teacher'));
  const mask = buildStudentMask(teacher, { studentMask: 'accurate', extraPerNeuron: 2, missingPerNeuron: 1 }, trialStream(1, 'mask'));
  const alignment = alignTeacherToMask(teacher, mask);
  const teacherDense = toDense(teacher, teacher.values);
  const projected = toDense(mask, alignment.teacherOnMask);
  // teacherOnMask is the teacher restricted to the mask; the rest is off-mask energy.
  let offMask = 0;
  let total = 0;
  for (let index = 0; index < teacherDense.length; index++) {
    total += teacherDense[index] ** 2;
    if (projected[index] === 0) offMask += teacherDense[index] ** 2;
    else assert.equal(projected[index], teacherDense[index]);
  }
  assert.ok(Math.abs(alignment.offMaskSquaredNorm - offMask) < 1e-12 && Math.abs(alignment.teacherSquaredNorm - total) < 1e-12);
  assert.ok(Math.abs(alignedRelativeError(alignment.teacherOnMask, alignment) - Math.sqrt(offMask / total)) < 1e-12);

  // A student whose rows are the teacher's in another order: aligned error large, permutation error 0.
  const dense = patternFromSupports(Array.from({ length: 4 }, () => Int32Array.from({ length: 12 }, (_, column) => column)), 12);
  const shuffledRows = [2, 0, 3, 1];
  const shuffled = new Float64Array(48);
  shuffledRows.forEach((teacherRow, row) => shuffled.set(teacherDense.subarray(teacherRow * 12, teacherRow * 12 + 12), row * 12));
  assert.equal(new NeuronMatcher(teacher, dense).match(shuffled).relativeError, 0);
  assert.ok(alignedRelativeError(shuffled, alignTeacherToMask(teacher, dense)) > 0.5);
  // Scaling the student by 1.1 gives relative error 0.1 exactly.
  const scaled = shuffled.map((value) => 1.1 * value);
  assert.ok(Math.abs(new NeuronMatcher(teacher, dense).match(scaled).relativeError - 0.1) < 1e-12);
});

test('generalization error: zero for the teacher itself, the Monte Carlo mean of (g - g*)^2 otherwise', () => {
  const teacher = generateTeacher({ inputDim: 10, hiddenUnits: 2, nonzerosPerNeuron: 4, weights: 'unit-gaussian' }, trialStream(2, 'teacher'));
  const mask = buildStudentMask(teacher, { studentMask: 'accurate', extraPerNeuron: 0, missingPerNeuron: 0 }, trialStream(2, 'mask'));
  const chunkCapacity = 64;
  const chunkInputs = new Float64Array(10 * chunkCapacity);
  const buffers = {
    preactivations: new Float64Array(2 * chunkCapacity),
    studentOutputs: new Float64Array(chunkCapacity),
    teacherOutputs: new Float64Array(chunkCapacity),
    chunkCapacity,
  };
  const estimate = (values: Float64Array, testSamples: number) =>
    estimateGeneralizationError(
      typescriptKernel,
      { pattern: mask, values },
      teacher,
      drawnTestBlocks(5, usedColumns(teacher), chunkInputs, chunkCapacity),
      testSamples,
      buffers,
    );
  assert.equal(estimate(teacher.values, 1000).generalizationError, 0);

  // Student = 2·teacher: g = 2 g* (relu is positively homogeneous), so E(g - g*)^2 = E g*^2: relative error 1.
  const doubled = teacher.values.map((value) => 2 * value);
  const { generalizationError, relativeGeneralizationError } = estimate(doubled, 1000);
  assert.ok(Math.abs(relativeGeneralizationError - 1) < 1e-12);
  // Same test set in one chunk or many: the chunking is invisible (1000 = 15·64 + 40).
  const direct = new Float64Array(10 * 1000);
  new GaussianInputSource(5, 'test-inputs', usedColumns(teacher)).drawNext(direct, 1000, 1000);
  const outputs = new Float64Array(1000);
  typescriptKernel.forward(teacher, teacher.values, { inputs: direct, stride: 1000, start: 0, count: 1000 }, new Float64Array(2000), outputs);
  let meanSquare = 0;
  for (const output of outputs) meanSquare += output * output / 1000;
  assert.ok(Math.abs(generalizationError - meanSquare) < 1e-14);
  // The same test set read in place from a kept matrix gives the same sums, bit for bit.
  const inPlace = estimateGeneralizationError(typescriptKernel, { pattern: mask, values: doubled }, teacher, keptTestBlocks(direct, 1000), 1000, buffers);
  assert.equal(inPlace.generalizationError, generalizationError);
});
