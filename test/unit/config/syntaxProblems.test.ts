// Malformed text: one clean problem with its position; comments and trailing commas are fine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';
import { assertAt, onlyProblem, positionOf } from './problemTestHelpers';

describe('syntax problems', () => {
  it('accepts comments and trailing commas', () => {
    const text = '// phase transition\n{\n  /* the family */ "kind": "teacher-student",\n  "samples": [1000, 2000,],\n}\n';
    const result = parseExperimentText(text, 'a.lth.json');
    assert.equal(result.ok, true);
    assert.deepEqual(result.problems, []);
  });

  it('reports a missing comma where the next property starts', () => {
    const text = '{\n  "kind": "teacher-student"\n  "samples": 100\n}';
    const problem = onlyProblem(text);
    assert.equal(problem.severity, 'error');
    assert.equal(problem.path, '');
    assert.match(problem.message, /^syntax error: expected ","/);
    assert.deepEqual([problem.line, problem.column], [3, 3]);
  });

  it('reports an unquoted property name with a hint', () => {
    const text = '{ kind: "teacher-student" }';
    const problem = onlyProblem(text);
    assert.match(problem.message, /unexpected "kind"; property names and text values need double quotes/);
    assertAt(problem, text, 'kind');
  });

  it('reports an unterminated string and an unclosed list', () => {
    assert.match(onlyProblem('{ "kind": "teacher-student, "samples": 1 }').message, /syntax error/);
    const unclosed = '{ "kind": "teacher-student", "samples": [1, 2 }';
    const problem = onlyProblem(unclosed);
    assert.match(problem.message, /syntax error: expected ","/);
    assert.deepEqual([problem.line, problem.column], [positionOf(unclosed, '}').line, positionOf(unclosed, '}').column]);
  });

  it('reports an empty file and a file holding a list', () => {
    assert.match(onlyProblem('  // nothing here\n').message, /the file is empty; expected an object/);
    assert.match(onlyProblem('[1, 2]').message, /the file holds a list; expected an object/);
  });

  it('reports a duplicated property at its second key', () => {
    const text = '{\n  "kind": "teacher-student",\n  "samples": 100,\n  "samples": 200\n}';
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'samples');
    assert.match(problem.message, /duplicate property "samples" \(first on line 3\)/);
    assertAt(problem, text, '"samples"', 1);
  });

  it('keeps columns right after a byte-order mark and with CRLF line ends', () => {
    const text = '\uFEFF{\r\n  "kind": "teacher-student",\r\n  "trials": 0\r\n}';
    const problem = onlyProblem(text);
    assert.equal(problem.path, 'trials');
    assert.deepEqual([problem.line, problem.column, problem.endLine, problem.endColumn], [3, 13, 3, 14]);
  });
});
