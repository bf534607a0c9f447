// Schema errors: each kind of bad value is caught once, with a human message, at the right place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAt, onlyProblem, problemsOf } from './problemTestHelpers';

describe('schema problems', () => {
  it('reports a value of the wrong type at the value, saying what was expected', () => {
    const text = '{\n  "kind": "teacher-student",\n  "samples": "many"\n}';
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'samples');
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /"many" is a string; expected an integer ≥ 1, a non-empty list of integers \(at most 10000\) or an object/);
    assertAt(problem, text, '"many"');
  });

  it('reports an out-of-range number once, with the range and the list alternative', () => {
    const text = '{ "kind": "teacher-student",\n  "training": { "momentum": 1.2 } }';
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'training.momentum');
    assert.equal(problem.message, '1.2 is out of range; expected a number in [0, 1) or a list of such numbers');
    assertAt(problem, text, '1.2');
  });

  it('points at the offending elements of a sweep list, one problem each', () => {
    const text = '{ "kind": "teacher-student", "teacher": { "nonzerosPerNeuron": [5, 0, 10, 2.5] } }';
    const problems = problemsOf(text);
    assert.deepEqual(
      problems.map((problem) => problem.path),
      ['teacher.nonzerosPerNeuron[1]', 'teacher.nonzerosPerNeuron[3]'],
    );
    assert.match(problems[0].message, /^0 is out of range; expected an integer ≥ 1$/);
    assert.match(problems[1].message, /^2\.5 is not an integer/);
    assertAt(problems[0], text, '0');
    assertAt(problems[1], text, '2.5');
  });

  it('names an unknown property at its key and suggests the close spelling', () => {
    const text = '{ "kind": "teacher-student",\n  "training": {\n    "stepsize": 3\n  }\n}';
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'training.stepsize');
    assert.equal(problem.message, 'unknown property "stepsize" (did you mean "stepSize"?)');
    assertAt(problem, text, '"stepsize"');
  });

  it('says where a misplaced property belongs', () => {
    const problem = onlyProblem('{ "kind": "teacher-student", "momentum": 0.5 }');
    assert.equal(problem.path, 'momentum');
    assert.match(problem.message, /did you mean "training\.momentum"/);
  });

  it('lists the allowed properties when nothing is close', () => {
    const problem = onlyProblem('{ "kind": "teacher-student", "student": { "zzzzzzzz": 1 } }');
    assert.match(problem.message, /unknown property "zzzzzzzz"; expected one of "mask", "extraPerNeuron", "missingPerNeuron"/);
  });

  it('suggests the option meant by a misspelt string value', () => {
    const text = '{ "kind": "teacher-student", "training": { "init": "tensors" } }';
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'training.init');
    assert.match(problem.message, /^"tensors" is not an allowed value; expected "tensor", "near" or "random" \(did you mean "tensor"\?\)$/);
    assertAt(problem, text, '"tensors"');
  });

  it('describes a union of options and numbers in one message (no cascade)', () => {
    const text = '{ "kind": "teacher-student", "training": { "batch": 0 } }';
    const problem = onlyProblem(text);
    assert.equal(problem.message, '0 is out of range; expected "full", "split" or an integer ≥ 1');
  });

  it('reports a missing kind at the enclosing object', () => {
    const text = '{ "samples": 100 }';
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'kind');
    assert.equal(problem.message, 'missing; expected "teacher-student" or "lottery-ticket"');
    assert.deepEqual([problem.line, problem.column], [1, 1]);
  });

  it('rejects an empty sweep list, a non-object section and an empty name', () => {
    const problems = problemsOf('{ "kind": "teacher-student", "samples": [], "teacher": 5, "name": "" }');
    const byPath = new Map(problems.map((problem) => [problem.path, problem.message]));
    assert.match(byPath.get('samples') ?? '', /the list is empty; expected at least one value/);
    assert.match(byPath.get('teacher') ?? '', /5 is a number; expected an object/);
    assert.match(byPath.get('name') ?? '', /expected a non-empty string/);
    assert.equal(problems.length, 3);
  });

  it('rejects non-integral and too small counts', () => {
    const problems = problemsOf('{ "kind": "teacher-student", "trials": 1.5, "evaluation": { "testSamples": 0 }, "seed": -1 }');
    assert.deepEqual(problems.map((problem) => problem.path).sort(), ['evaluation.testSamples', 'seed', 'trials']);
    assert.ok(problems.every((problem) => problem.severity === 'error'));
  });

  it('rejects a step size of zero and accepts "auto" or a positive number', () => {
    assert.match(onlyProblem('{ "kind": "teacher-student", "training": { "stepSize": 0 } }').message, /expected "auto" or a number > 0/);
    assert.deepEqual(problemsOf('{ "kind": "teacher-student", "training": { "stepSize": 2.5 } }'), []);
  });

  it('accepts "$schema" in a file', () => {
    assert.deepEqual(problemsOf('{ "$schema": "../schemas/lth.schema.json", "kind": "teacher-student" }'), []);
  });
});
