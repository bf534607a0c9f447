// Checks beyond the schema: relations between fields (errors) and legal-but-suspicious choices
// (warnings, which leave the file valid). Each points at the offending value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';
import { LARGE_GRID_TRAININGS } from '../../../src/core/families/teacher-student/semanticChecks';
import { planBatches } from '../../../src/core/families/teacher-student/training/batchSchedule';
import { assertAt, onlyProblem, problemsOf } from './problemTestHelpers';

/** A file with the given sections merged into a minimal one. */
function experimentText(sections: Record<string, unknown>): string {
  return JSON.stringify({ kind: 'teacher-student', ...sections }, null, 2);
}

function assertValidWithWarning(text: string, path: string, pattern: RegExp): void {
  const result = parseExperimentText(text, 'w.lth.json');
  assert.equal(result.ok, true, 'a warning alone must not make the file invalid');
  const warning = result.problems.find((problem) => problem.path === path);
  assert.ok(warning, `expected a warning at ${path}, got ${JSON.stringify(result.problems)}`);
  assert.equal(warning.severity, 'warning');
  assert.match(warning.message, pattern);
}

describe('semantic checks', () => {
  it('rejects r > d at the offending list element', () => {
    const text = experimentText({ teacher: { inputDim: 50, nonzerosPerNeuron: [5, 60, 10] } });
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'teacher.nonzerosPerNeuron[1]');
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /60 exceeds inputDim 50; expected an integer in \[1, 50\]/);
    assertAt(problem, text, '60');
  });

  it('checks r against the default inputDim when the file does not set it', () => {
    assert.match(onlyProblem(experimentText({ teacher: { nonzerosPerNeuron: 101 } })).message, /101 exceeds inputDim 100/);
  });

  it('rejects nonzerosPerNeuron and pruningRatio together', () => {
    const text = experimentText({ teacher: { nonzerosPerNeuron: 5, pruningRatio: 0.5 } });
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'teacher.pruningRatio');
    assert.match(problem.message, /give nonzerosPerNeuron or pruningRatio, not both/);
    assertAt(problem, text, '0.5');
  });

  it('rejects a pruning ratio that rounds to r < 1, saying which ratios work', () => {
    const text = experimentText({ teacher: { inputDim: 100, pruningRatio: [0.5, 0.996] } });
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'teacher.pruningRatio[1]');
    assert.match(problem.message, /= 0 weights per neuron; expected a ratio below 1 - 0\.5\/100 so that r ≥ 1 \(1 - 1\/100 gives r = 1\)/);
    // The ratio the message suggests is accepted.
    assert.equal(parseExperimentText(experimentText({ teacher: { inputDim: 100, pruningRatio: 1 - 1 / 100 } }), 'b.lth.json').ok, true);
  });

  it('rejects extra positions that do not fit beside the largest r', () => {
    const text = experimentText({ teacher: { inputDim: 20, nonzerosPerNeuron: [5, 15] }, student: { extraPerNeuron: [0, 5, 6] } });
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'student.extraPerNeuron[2]');
    assert.match(problem.message, /6 extra positions do not fit beside r = 15 .* expected at most 5/);
  });

  it('rejects missing positions that would empty a row of the smallest r (missing ≤ r - 1)', () => {
    const atLimit = experimentText({ teacher: { nonzerosPerNeuron: [4, 8] }, student: { missingPerNeuron: 3 } });
    assert.equal(parseExperimentText(atLimit, 'a.lth.json').ok, true);
    const text = experimentText({ teacher: { nonzerosPerNeuron: [4, 8] }, student: { missingPerNeuron: [1, 4] } });
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'student.missingPerNeuron[1]');
    assert.match(problem.message, /expected at most r - 1 = 3/);
  });

  it('does not report a bad r a second time through the mask checks', () => {
    const problems = problemsOf(experimentText({ teacher: { inputDim: 10, nonzerosPerNeuron: [5, 40] }, student: { extraPerNeuron: 5 } }));
    assert.deepEqual(problems.map((problem) => problem.path), ['teacher.nonzerosPerNeuron[1]']);
  });

  it('notes a step size past 2K, and warns once it is past the heavy-ball bound at W*', () => {
    // K = 4: λ_max(W*) = (1/16)(1/2 + 3/2π) ≈ 0.0611, so β = 0.5 diverges from η ≈ 49.1.
    const noted = problemsOf(experimentText({ teacher: { hiddenUnits: 4 }, training: { stepSize: 8 } }));
    assert.deepEqual(noted.map(({ path, severity }) => ({ path, severity })), [{ path: 'training.stepSize', severity: 'information' }]);
    assert.match(noted[0].message, /8 ≥ 2K = 8: past the step size that is stable from any start .* η ≥ 49\.1 at β = 0\.5/);
    assertValidWithWarning(experimentText({ teacher: { hiddenUnits: 4 }, training: { stepSize: 49.2 } }), 'training.stepSize', /49\.2: descent is expected to diverge/);
    // The bound follows the smallest momentum of the sweep: plain GD diverges from 2/λ_max ≈ 32.7.
    assertValidWithWarning(experimentText({ teacher: { hiddenUnits: 4 }, training: { stepSize: 33, momentum: [0, 0.5] } }), 'training.stepSize', /η ≥ 32\.7 at β = 0/);
    assert.deepEqual(problemsOf(experimentText({ teacher: { hiddenUnits: 4 }, training: { stepSize: 7.9 } })), []);
  });

  it('warns at a repeated sweep value, and at pruning ratios that give the same r', () => {
    assertValidWithWarning(experimentText({ samples: [100, 200, 100] }), 'samples[2]', /100 repeats samples\[0\]; the cell runs once/);
    assertValidWithWarning(experimentText({ teacher: { pruningRatio: [0.8, 0.801] } }), 'teacher.pruningRatio[1]', /gives r = 20, like teacher\.pruningRatio\[0\] = 0\.8/);
  });

  it('notes a momentum at which every r converges at √β, at that momentum', () => {
    // K = 5, η = 5, r = 5, N = 400: η·λ_min ≈ 5 · 0.01364 · (1 − √(25/400))² ≈ 0.0384, so β saturates from (1 − √0.0384)² ≈ 0.647.
    const text = experimentText({ teacher: { nonzerosPerNeuron: 5 }, samples: 400, training: { init: 'near', momentum: [0, 0.5, 0.6, 0.65, 0.9] } });
    const problems = problemsOf(text);
    assert.deepEqual(problems.map(({ path, severity }) => ({ path, severity })), [
      { path: 'training.momentum[3]', severity: 'information' },
      { path: 'training.momentum[4]', severity: 'information' },
    ]);
    assert.match(problems[1].message, /momentum 0\.9: every r converges at the saturated rate √β ≈ 0\.949, .*\)² = 0\.647, .*use β below 0\.647$/);
    assertAt(problems[0], text, '0.65');
    // More samples per weight: the slowest direction is stiffer, so the momentum saturates sooner.
    assert.equal(problemsOf(experimentText({ teacher: { nonzerosPerNeuron: 5 }, samples: 40000, training: { init: 'near', momentum: 0.5 } })).length, 0);
    assert.equal(problemsOf(experimentText({ teacher: { nonzerosPerNeuron: 5 }, samples: 40000, training: { init: 'near', momentum: 0.6 } })).length, 1);
  });

  it('warns at a very large grid', () => {
    const text = experimentText({ samples: Array.from({ length: 100 }, (_, index) => index + 1), trials: LARGE_GRID_TRAININGS / 100 + 1 });
    assertValidWithWarning(text, 'trials', /very large grid/);
  });

  it('warns at settings that have no effect', () => {
    assertValidWithWarning(experimentText({ training: { init: 'random', initDistance: 0.1 } }), 'training.initDistance', /applies to init "near"/);
    assertValidWithWarning(experimentText({ samples: [50, 500], training: { batch: 100 } }), 'training.batch', /mini-batch size 100 exceeds samples 50/);
  });

  it('rejects extra or missing positions with a dense student mask', () => {
    const extra = onlyProblem(experimentText({ student: { mask: 'dense', extraPerNeuron: [0, 3] } }));
    assert.equal(extra.path, 'student.extraPerNeuron[1]');
    assert.match(extra.message, /needs student\.mask "accurate"/);
    assert.equal(onlyProblem(experimentText({ student: { mask: 'dense', missingPerNeuron: 1 } })).path, 'student.missingPerNeuron');
  });

  it('warns for which sample counts "split" is the full batch, as the training plans it', () => {
    const samples = [20, 1000];
    const text = experimentText({ teacher: { inputDim: 50, nonzerosPerNeuron: 5 }, samples, training: { batch: 'split' } });
    const fullBatch = samples.filter((count) => planBatches('split', count, 5).kind === 'full');
    assert.ok(fullBatch.length > 0 && fullBatch.length < samples.length, 'test setup: one sample count of each kind');
    assertValidWithWarning(text, 'training.batch', new RegExp(`"split" is the full batch for samples ${fullBatch.join(', ')}:`));
    const ample = experimentText({ teacher: { inputDim: 50, nonzerosPerNeuron: 5 }, samples: 1000, training: { batch: 'split' } });
    assert.deepEqual(problemsOf(ample), []);
  });

  it('rejects the tensor initialization with more hidden units than inputs', () => {
    const tensor = onlyProblem(experimentText({ teacher: { inputDim: 3, hiddenUnits: 4 } }));
    assert.equal(tensor.path, 'teacher.hiddenUnits');
    assert.match(tensor.message, /needs hiddenUnits ≤ inputDim/);
    assert.equal(parseExperimentText(experimentText({ teacher: { inputDim: 3, hiddenUnits: 4 }, training: { init: 'near' } }), 'n.lth.json').ok, true);
  });

  it('rejects a name that cannot be a run-folder name', () => {
    assert.match(onlyProblem(experimentText({ name: '../up' })).message, /cannot be a folder name/);
    assert.equal(onlyProblem(experimentText({ name: '..' })).path, 'name');
    assert.deepEqual(problemsOf(experimentText({ name: 'phase transition (v2)' })), []);
  });

  it('lists problems in text order, warnings beside errors', () => {
    const text = experimentText({ teacher: { nonzerosPerNeuron: [200] }, training: { stepSize: 100 } });
    const problems = problemsOf(text);
    assert.deepEqual(problems.map((problem) => problem.severity), ['error', 'warning']);
  });
});
