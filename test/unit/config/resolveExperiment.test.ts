// Resolution: defaults from the schema, axes as distinct lists, pruningRatio -> r, "auto" -> K.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';
import { resolveExperiment } from '../../../src/core/config/resolveExperiment';
import { experimentNameFromFileName } from '../../../src/core/config/experimentName';
import { ExperimentSchema, TeacherSchema, TrainingSchema, type ExperimentFile } from '../../../src/core/families/teacher-student/schema';
import { SWEEP_AXES, type Experiment } from '../../../src/core/families/teacher-student/types';

function resolved(text: string, fileName = 'runs/phase-transition.lth.json') {
  const result = parseExperimentText(text, fileName);
  assert.ok(result.ok, `expected a valid file: ${JSON.stringify(result.problems)}`);
  return result.experiment as Experiment;
}

describe('resolveExperiment', () => {
  it('resolves a minimal file to the documented defaults', () => {
    const experiment = resolved('{ "kind": "teacher-student" }');
    // The defaults documented in families/teacher-student/schema.ts (and shown as completions in the editor).
    assert.deepEqual(experiment, {
      kind: 'teacher-student',
      name: 'phase-transition',
      seed: 1,
      inputDim: 100,
      hiddenUnits: 5,
      teacherWeights: 'unit-gaussian',
      studentMask: 'accurate',
      axes: { samples: [200], nonzerosPerNeuron: [100], noiseStd: [0], momentum: [0.5], extraPerNeuron: [0], missingPerNeuron: [0], initDistance: [0.3] },
      trials: 3,
      init: 'tensor',
      stepSize: 5,
      maxIterations: 1000,
      tolerance: 1e-12,
      batch: 'full',
      curvePoints: 100,
      testSamples: 10000,
      successThreshold: 1e-3,
    });
  });

  it('takes its defaults from the schema, not from a second copy', () => {
    const experiment = resolved('{ "kind": "teacher-student" }');
    assert.equal(experiment.inputDim, TeacherSchema.properties.inputDim.default);
    assert.equal(experiment.maxIterations, TrainingSchema.properties.maxIterations.default);
    assert.equal(experiment.trials, ExperimentSchema.properties.trials.default);
    assert.deepEqual(experiment.axes.samples, [ExperimentSchema.properties.samples.default]);
  });

  it('makes every axis a list of distinct values in file order', () => {
    const experiment = resolved('{ "kind": "teacher-student", "samples": [300, 100, 300, 200], "training": { "momentum": 0 } }');
    assert.deepEqual(experiment.axes.samples, [300, 100, 200]);
    assert.deepEqual(experiment.axes.momentum, [0]);
    for (const axis of SWEEP_AXES) assert.ok(Array.isArray(experiment.axes[axis]) && experiment.axes[axis].length >= 1, axis);
  });

  it('converts pruning ratios to r = round((1 - ratio) d)', () => {
    const experiment = resolved('{ "kind": "teacher-student", "teacher": { "inputDim": 40, "pruningRatio": [0, 0.5, 0.9, 0.98] } }');
    assert.deepEqual(experiment.axes.nonzerosPerNeuron, [40, 20, 4, 1]);
  });

  it('clamps r at 1 when resolving a ratio directly (validation reports it as an error first)', () => {
    const file: ExperimentFile = { kind: 'teacher-student', teacher: { inputDim: 10, pruningRatio: 0.99 } };
    const experiment = resolveExperiment(file, 'x.lth.json');
    assert.deepEqual(experiment.axes.nonzerosPerNeuron, [1]);
  });

  it('turns stepSize "auto" into K and keeps a number', () => {
    assert.equal(resolved('{ "kind": "teacher-student", "teacher": { "hiddenUnits": 7 } }').stepSize, 7);
    assert.equal(resolved('{ "kind": "teacher-student", "training": { "stepSize": 2.5 } }').stepSize, 2.5);
  });

  it('keeps a given name and description, else names the experiment after its file', () => {
    const named = resolved('{ "kind": "teacher-student", "name": "mine", "description": "why" }');
    assert.equal(named.name, 'mine');
    assert.equal(named.description, 'why');
    assert.equal(experimentNameFromFileName('C:\\work\\noise.lth.json'), 'noise');
    assert.equal(experimentNameFromFileName('/a/b/plain.json'), 'plain');
  });

  it('does not change the file it resolves', () => {
    const file = { kind: 'teacher-student' as const, teacher: { nonzerosPerNeuron: [5, 10] } };
    const copy = structuredClone(file);
    resolveExperiment(file, 'x.lth.json');
    assert.deepEqual(file, copy);
  });

  it('refuses both nonzerosPerNeuron and pruningRatio', () => {
    const file: ExperimentFile = { kind: 'teacher-student', teacher: { nonzerosPerNeuron: 5, pruningRatio: 0.5 } };
    assert.throws(() => resolveExperiment(file, 'x.lth.json'), /not both/);
  });
});
