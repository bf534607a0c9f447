// The tensor initialization's norm step alone, given the teacher's true directions: proportions
// from M2's quadratic forms, scale from E[y].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neuronNorms } from '../../../src/core/families/teacher-student/training/initialization/tensorNorms';
import { makeTeacherProblem, teacherLabels } from './fixture';

const NORMS = [0.5, 1, 1.6, 2.2];

/** A teacher with rows of the given norms, its unit directions on the union of supports, and E[y]-based typical norm. */
function problemWithNorms(samples: number, seed: number) {
  const inputDim = 30;
  const hiddenUnits = NORMS.length;
  const problem = makeTeacherProblem({ inputDim, hiddenUnits, nonzerosPerNeuron: 6, samples, seed });
  NORMS.forEach((norm, row) => {
    for (let feature = 0; feature < inputDim; feature++) problem.teacher[row * inputDim + feature] *= norm;
  });
  const labels = teacherLabels(problem.teacher, hiddenUnits, inputDim, problem.inputs, samples);
  const coordinates = Int32Array.from({ length: inputDim }, (_, feature) => feature);
  const directions = new Float64Array(hiddenUnits * inputDim);
  NORMS.forEach((norm, row) => {
    for (let feature = 0; feature < inputDim; feature++) directions[row * inputDim + feature] = problem.teacher[row * inputDim + feature] / norm;
  });
  const meanLabel = labels.reduce((sum, label) => sum + label, 0) / samples;
  return { problem, labels, coordinates, directions, typicalNorm: Math.sqrt(2 * Math.PI) * meanLabel, meanLabel };
}

test('with the true directions and many samples, the norms come back within a few percent, unequal ones included', () => {
  const { problem, labels, coordinates, directions, typicalNorm, meanLabel } = problemWithNorms(40_000, 3);
  const heldOut = { inputs: problem.inputs, labels: labels.map((label) => label - meanLabel), samples: problem.samples, coordinates, start: 0, end: problem.samples };
  const norms = neuronNorms({ directions, found: NORMS.length, count: NORMS.length, heldOut, typicalNorm });
  NORMS.forEach((norm, row) => assert.ok(Math.abs(norms[row] - norm) < 0.05 * norm, `row ${row}: ${norms[row]} vs ${norm}`));
});

test('quadratic forms that are pure noise give every neuron the mean norm; directions not found get it too', () => {
  for (const seed of [4, 5, 6]) {
    const { problem, labels, coordinates, directions, typicalNorm } = problemWithNorms(200, seed);
    // Labels unrelated to the inputs (reversed in order), so M2 along any direction is noise.
    const unrelated = Float64Array.from(labels).reverse();
    const meanLabel = unrelated.reduce((sum, label) => sum + label, 0) / unrelated.length;
    const heldOut = { inputs: problem.inputs, labels: unrelated.map((label) => label - meanLabel), samples: problem.samples, coordinates, start: 0, end: problem.samples };
    const norms = neuronNorms({ directions, found: NORMS.length, count: NORMS.length, heldOut, typicalNorm });
    for (const norm of norms) assert.ok(Math.abs(norm - typicalNorm) < 1e-12 * typicalNorm, `seed ${seed}: norms ${[...norms].join(', ')}, typical ${typicalNorm}`);
    const twoFound = neuronNorms({ directions, found: 2, count: NORMS.length, heldOut, typicalNorm });
    assert.deepEqual([twoFound[2], twoFound[3]], [typicalNorm, typicalNorm], `seed ${seed}`);
  }
});
