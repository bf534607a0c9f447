// Each mistake with one likely correction carries it as a fix, and applying the fix makes the
// file valid: what the editor's quick fixes do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';
import type { ExperimentProblem } from '../../../src/core/config/experimentProblem';

function problemsOf(text: string): ExperimentProblem[] {
  return parseExperimentText(text, 'fix.lth.json').problems;
}

/** The text with the problem's range replaced by its fix, as the quick fix edits it. */
function applyFix(text: string, problem: ExperimentProblem): string {
  assert.ok(problem.fix, `no fix for: ${problem.message}`);
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, part) => sum + part.length + 1, 0) + column - 1;
  return text.slice(0, offset(problem.line, problem.column)) + JSON.stringify(problem.fix.replacement) + text.slice(offset(problem.endLine, problem.endColumn));
}

function fixedOnce(text: string): { problem: ExperimentProblem; fixed: string } {
  const problems = problemsOf(text);
  assert.equal(problems.length, 1, `one problem for one mistake: ${JSON.stringify(problems)}`);
  const fixed = applyFix(text, problems[0]);
  // The theory's information notes (e.g. a grid short of the boundary) are advice, not mistakes.
  assert.deepEqual(problemsOf(fixed).filter((problem) => problem.severity !== 'information'), [], `still wrong after the fix: ${fixed}`);
  return { problem: problems[0], fixed };
}

test('a misspelt property is renamed to the one it is closest to', () => {
  const { problem, fixed } = fixedOnce('{ "kind": "teacher-student", "training": { "stepsize": 2 } }');
  assert.equal(problem.fix?.title, 'Change to "stepSize"');
  assert.match(fixed, /"stepSize": 2/);
});

test('a misspelt option value becomes the option', () => {
  const { problem, fixed } = fixedOnce('{ "kind": "teacher-student", "training": { "init": "tensr" } }');
  assert.equal(problem.fix?.title, 'Change to "tensor"');
  assert.match(fixed, /"init": "tensor"/);
  assert.match(fixedOnce('{ "kind": "teacher-studnet" }').fixed, /"kind": "teacher-student"/);
});

test('a number out of range becomes the nearest allowed one, in a list too', () => {
  const { problem, fixed } = fixedOnce('{ "kind": "teacher-student", "training": { "momentum": -0.5 } }');
  assert.equal(problem.fix?.title, 'Change -0.5 to 0, the nearest allowed value');
  assert.match(fixed, /"momentum": 0 /);
  assert.match(fixedOnce('{ "kind": "teacher-student", "samples": [50, 0, 100] }').fixed, /\[50, 1, 100\]/);
  assert.match(fixedOnce('{ "kind": "teacher-student", "trials": 2.5 }').fixed, /"trials": 3/);
});

test('r above d (a semantic check) becomes d', () => {
  const { problem, fixed } = fixedOnce('{ "kind": "teacher-student", "teacher": { "inputDim": 10, "nonzerosPerNeuron": [5, 20] } }');
  assert.match(problem.fix?.title ?? '', /Change 20 to 10/);
  assert.match(fixed, /\[5, 10\]/);
});

test('no fix where no single value is the right one', () => {
  // Momentum must be below 1: there is no largest such number to offer.
  const [momentum] = problemsOf('{ "kind": "teacher-student", "training": { "momentum": 1.2 } }');
  assert.equal(momentum.fix, undefined);
  // A name nothing resembles.
  const [unknown] = problemsOf('{ "kind": "teacher-student", "frobnicate": 1 }');
  assert.equal(unknown.fix, undefined);
});

test('a failed parse says which stage found its problems', () => {
  const stageOf = (text: string) => {
    const result = parseExperimentText(text, 'x.lth.json');
    return result.ok ? 'ok' : result.stage;
  };
  assert.equal(stageOf('{ "kind": '), 'syntax');
  assert.equal(stageOf('{ "kind": "teacher-student", "kind": "teacher-student" }'), 'syntax');
  assert.equal(stageOf('{ "kind": "nope" }'), 'kind');
  assert.equal(stageOf('{ "kind": "teacher-student", "trials": 0 }'), 'schema');
  assert.equal(stageOf('{ "kind": "teacher-student", "teacher": { "inputDim": 5, "nonzerosPerNeuron": 6 } }'), 'semantics');
});
