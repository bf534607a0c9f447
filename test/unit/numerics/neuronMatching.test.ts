// The relative weight error up to neuron permutation against an obviously-correct reference (all
// K! permutations on dense copies), the permuted alignment the kernel measures against, and the
// radius within which a permutation is certainly the best.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NeuronMatcher } from '../../../src/core/families/teacher-student/metrics/neuronMatching';
import { alignedRelativeError } from '../../../src/core/families/teacher-student/metrics/weightError';
import { buildStudentMask } from '../../../src/core/families/teacher-student/model/studentMask';
import { generateTeacher } from '../../../src/core/families/teacher-student/model/teacher';
import { RandomStream } from '../../../src/core/random/randomStream';
import { toDense } from './support';
import { trialStream } from '../../../src/core/random/trialStreams';

function permutations(size: number): number[][] {
  if (size === 0) return [[]];
  return permutations(size - 1).flatMap((rest) => Array.from({ length: size }, (_, at) => [...rest.slice(0, at), size - 1, ...rest.slice(at)]));
}

/** min over all permutations of |W - W*_pi|_F / |W*|_F on dense copies, and the minimizing permutation. */
function bruteForce(student: Float64Array, teacher: Float64Array, rows: number, columns: number): { error: number; teacherRowOf: number[] } {
  let best = { error: Infinity, teacherRowOf: [] as number[] };
  let teacherSquared = 0;
  for (const value of teacher) teacherSquared += value * value;
  for (const teacherRowOf of permutations(rows)) {
    let squared = 0;
    for (let row = 0; row < rows; row++) for (let column = 0; column < columns; column++) squared += (student[row * columns + column] - teacher[teacherRowOf[row] * columns + column]) ** 2;
    if (Math.sqrt(squared / teacherSquared) < best.error) best = { error: Math.sqrt(squared / teacherSquared), teacherRowOf };
  }
  return best;
}

test('match: the minimum over all K! permutations, for accurate masks with extra and missing positions and for dense ones', () => {
  for (const [studentMask, extraPerNeuron, missingPerNeuron] of [['accurate', 2, 1], ['dense', 0, 0]] as const) {
    for (const seed of [1, 2, 3]) {
      const teacher = generateTeacher({ inputDim: 9, hiddenUnits: 4, nonzerosPerNeuron: 3, weights: 'gaussian' }, trialStream(seed, 'teacher'));
      const mask = buildStudentMask(teacher, { studentMask, extraPerNeuron, missingPerNeuron }, trialStream(seed, 'mask'));
      const random = new RandomStream(100 + seed);
      const values = Float64Array.from({ length: mask.rowStart[4] }, () => random.nextGaussian());
      const reference = bruteForce(toDense(mask, values), toDense(teacher, teacher.values), 4, 9);
      const match = new NeuronMatcher(teacher, mask).match(values);
      assert.ok(Math.abs(match.relativeError - reference.error) < 1e-12, `${studentMask}, seed ${seed}: ${match.relativeError} vs ${reference.error}`);
      // Its alignment makes the kernel's row-by-row error the same number.
      const aligned = alignedRelativeError(values, new NeuronMatcher(teacher, mask).alignment(match.teacherRowOf));
      assert.ok(Math.abs(aligned - reference.error) < 1e-12, `${studentMask}, seed ${seed}: aligned ${aligned}`);
    }
  }
});

test('certainBelow: within it of a permuted teacher, that permutation is the match; it is half the √2-scaled closest row pair', () => {
  const teacher = generateTeacher({ inputDim: 10, hiddenUnits: 4, nonzerosPerNeuron: 10, weights: 'unit-gaussian' }, trialStream(4, 'teacher'));
  const mask = buildStudentMask(teacher, { studentMask: 'dense', extraPerNeuron: 0, missingPerNeuron: 0 }, trialStream(4, 'mask'));
  const matcher = new NeuronMatcher(teacher, mask);
  const dense = toDense(teacher, teacher.values);
  let closest = Infinity;
  for (let first = 0; first < 4; first++) {
    for (let second = first + 1; second < 4; second++) {
      let squared = 0;
      for (let column = 0; column < 10; column++) squared += (dense[first * 10 + column] - dense[second * 10 + column]) ** 2;
      closest = Math.min(closest, squared);
    }
  }
  assert.ok(Math.abs(matcher.certainBelow - Math.sqrt((2 * closest) / 4) / 2) < 1e-12, `${matcher.certainBelow}`);
  const permutation = [3, 1, 0, 2];
  const random = new RandomStream(5);
  for (let draw = 0; draw < 20; draw++) {
    // Teacher rows in another order plus a perturbation of relative size 0.99 · certainBelow (|W*|_F = 2: four unit rows).
    const noise = Float64Array.from({ length: 40 }, () => random.nextGaussian());
    const noiseNorm = Math.hypot(...noise);
    const values = Float64Array.from({ length: 40 }, (_, index) => dense[permutation[Math.floor(index / 10)] * 10 + (index % 10)] + (0.99 * matcher.certainBelow * 2 * noise[index]) / noiseNorm);
    assert.deepEqual([...matcher.match(values).teacherRowOf], permutation, `draw ${draw}`);
  }
  const single = generateTeacher({ inputDim: 5, hiddenUnits: 1, nonzerosPerNeuron: 2, weights: 'gaussian' }, trialStream(6, 'teacher'));
  assert.equal(new NeuronMatcher(single, buildStudentMask(single, { studentMask: 'accurate', extraPerNeuron: 0, missingPerNeuron: 0 }, trialStream(6, 'mask'))).certainBelow, Infinity);
});
