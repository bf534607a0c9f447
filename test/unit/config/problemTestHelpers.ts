// Helpers for the config tests: parse a text, and find where a snippet sits in it (computed from
// the text itself, so expected positions are never copied from a run).
import assert from 'node:assert/strict';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';
import type { ExperimentProblem } from '../../../src/core/config/experimentProblem';

export function problemsOf(text: string): ExperimentProblem[] {
  return parseExperimentText(text, 'test.lth.json').problems;
}

/** 1-based line and column of the `occurrence`-th (from 0) appearance of `snippet` in `text`. */
export function positionOf(text: string, snippet: string, occurrence = 0): { line: number; column: number } {
  let offset = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    offset = text.indexOf(snippet, offset + 1);
    assert.notEqual(offset, -1, `test setup: ${JSON.stringify(snippet)} occurs fewer than ${occurrence + 1} times`);
  }
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The only problem of a text, which must exist and be unique. */
export function onlyProblem(text: string): ExperimentProblem {
  const problems = problemsOf(text);
  assert.equal(problems.length, 1, `expected exactly one problem, got:\n${problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n')}`);
  return problems[0];
}

/** Asserts that a problem starts at `snippet` in `text` and spans exactly it. */
export function assertAt(problem: ExperimentProblem, text: string, snippet: string, occurrence = 0): void {
  const start = positionOf(text, snippet, occurrence);
  assert.deepEqual({ line: problem.line, column: problem.column }, start, `problem "${problem.message}" is not at ${JSON.stringify(snippet)}`);
  if (!snippet.includes('\n')) assert.deepEqual({ endLine: problem.endLine, endColumn: problem.endColumn }, { endLine: start.line, endColumn: start.column + snippet.length });
}
