// The theory's notes on an experiment file: each fires exactly when its condition holds, at the
// value to change, with information severity (a legal file stays valid).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProblem } from '../../../../src/core/config/experimentProblem';
import { parseExperimentText } from '../../../../src/core/config/parseExperimentText';
import { predictedCriticalSamples } from '../../../../src/core/families/teacher-student/theory/theoryChecks';
import { assertAt, problemsOf } from '../../config/problemTestHelpers';

function experimentText(sections: Record<string, unknown>): string {
  return JSON.stringify({ kind: 'teacher-student', ...sections }, null, 2);
}

describe('theory notes: the sample grid against the predicted boundary', () => {
  it('predicts N* = 1.45·r·K (with the extra mask positions)', () => {
    assert.ok(Math.abs(predictedCriticalSamples(20, 5) - 145) < 1e-9);
    assert.ok(Math.abs(predictedCriticalSamples(20, 5, 10) - 217.5) < 1e-9);
  });

  it('notes the r whose boundary lies past the largest N, at that r, and suggests N', () => {
    const text = experimentText({ teacher: { nonzerosPerNeuron: [5, 20] }, samples: [20, 40, 80, 120], training: { init: 'near' } });
    const result = parseExperimentText(text, 'grid.lth.json');
    assert.equal(result.ok, true);
    assert.deepEqual(result.problems.map(({ path, severity }) => ({ path, severity })), [{ path: 'teacher.nonzerosPerNeuron[1]', severity: 'information' }]);
    assert.match(result.problems[0].message, /ends at N = 120, below the predicted boundary for r = 20 \(N\* ≈ 1\.45·r·K = 145\).*add N ≥ 290$/);
    assertAt(result.problems[0], text, '20'); // the r list comes before the sample list's 20
    assert.match(formatProblem('grid.lth.json', result.problems[0]), /^grid\.lth\.json:\d+:\d+: teacher\.nonzerosPerNeuron\[1\]: info: the sample grid ends/);
    // A grid reaching past the boundary has nothing to say.
    assert.deepEqual(problemsOf(experimentText({ teacher: { nonzerosPerNeuron: [5, 20] }, samples: [20, 40, 80, 150], training: { init: 'near' } })), []);
  });

  it('notes a grid that starts past sure success, for init near only', () => {
    const text = experimentText({ teacher: { nonzerosPerNeuron: [5, 20] }, samples: [100, 300], training: { init: 'near' } });
    const problems = problemsOf(text);
    assert.deepEqual(problems.map((problem) => problem.path), ['teacher.nonzerosPerNeuron[0]']);
    assert.match(problems[0].message, /starts at N = 100, past the predicted boundary for r = 5 .*add N ≤ 18$/);
    // Tensor initialization needs more samples than the local phase: no claim that every N succeeds.
    assert.deepEqual(problemsOf(experimentText({ teacher: { nonzerosPerNeuron: [5, 20] }, samples: [100, 300], training: { init: 'tensor' } })), []);
  });

  it('says nothing where success has no boundary or N is not swept', () => {
    const grid = { teacher: { nonzerosPerNeuron: [5, 20] }, samples: [20, 40] };
    assert.equal(problemsOf(experimentText(grid)).length, 1, 'the base case fires');
    assert.deepEqual(problemsOf(experimentText({ ...grid, teacher: { ...grid.teacher, noiseStd: 0.1 } })), []);
    assert.deepEqual(problemsOf(experimentText({ ...grid, student: { missingPerNeuron: 1 } })), []);
    assert.deepEqual(problemsOf(experimentText({ ...grid, samples: 40 })), []);
  });

  it('points at the sample list when r is the default (dense) one', () => {
    const text = experimentText({ samples: [50, 100] });
    const problems = problemsOf(text);
    assert.deepEqual(problems.map((problem) => problem.path), ['samples']);
    assert.match(problems[0].message, /for r = 100 \(N\* ≈ 1\.45·r·K = 725\).*add N ≥ 1450/);
  });
});
