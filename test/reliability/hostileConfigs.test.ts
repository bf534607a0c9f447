// Item 4: hostile files that overflowed the stack (an internal error, and validate skipped the
// files after it): thousands of levels of nesting (checked on the tokens before any recursive
// walk) and sweep axes of 10^5 values (a schema limit): a located error each, and the other
// files are still checked.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_NESTING } from '../../src/core/config/jsoncSyntax';
import { MAX_AXIS_VALUES } from '../../src/core/config/sweepable';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthInProcess } from './support';

/** A file whose "description" holds `levels` nested lists (the top-level object is one more level). */
function nestedFile(dir: string, name: string, levels: number): { path: string; column: number } {
  const prefix = '{ "kind": "teacher-student", "description": ';
  const path = join(dir, `${name}.lth.json`);
  writeFileSync(path, `${prefix}${'['.repeat(levels)}${']'.repeat(levels)} }\n`);
  // The first bracket past the limit: the object is level 1, list k is level k + 1.
  return { path, column: prefix.length + MAX_NESTING };
}

test('2000 and 200000 levels of nesting: a located error each, the next file still validated, no run folder', async () => {
  const dir = temporaryDir('lth-nesting-');
  const deep = nestedFile(dir, 'deep', 2000);
  const deeper = nestedFile(dir, 'deeper', 200_000);
  const valid = writeTinyExperiment(dir);
  const validated = await lthInProcess(['validate', deep.path, deeper.path, valid]);
  assert.equal(validated.code, 1);
  const expected = `nested more than ${MAX_NESTING} levels deep; experiment files nest a few levels (expected at most ${MAX_NESTING})`;
  assertCleanMessage(validated.stdout, `${deep.path}:1:${deep.column}: ${expected}`, `${deeper.path}:1:${deeper.column}: ${expected}`, `${valid}: ok`);
  assertCleanMessage(validated.stderr);

  const out = join(dir, 'runs');
  const run = await lthInProcess(['run', deep.path, '--out', out]);
  assert.equal(run.code, 1);
  assertCleanMessage(run.stderr, `${deep.path}:1:${deep.column}: ${expected}`);
  assert.equal(existsSync(out), false);
});

test(`${MAX_NESTING} levels are fine, and brackets inside strings and comments do not count`, async () => {
  const dir = temporaryDir('lth-nesting-');
  const atLimit = join(dir, 'limit.lth.json');
  // The object is level 1; the "x" property's lists go up to the limit (then the schema rejects "x", not the nesting).
  writeFileSync(atLimit, `{ "kind": "teacher-student", "x": ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)} }\n`);
  const quoted = join(dir, 'quoted.lth.json');
  writeFileSync(quoted, `// ${'['.repeat(500)}\n{ "kind": "teacher-student", "description": "${'{'.repeat(500)}" /* ${'['.repeat(500)} */ }\n`);
  const validated = await lthInProcess(['validate', atLimit, quoted]);
  assertCleanMessage(validated.stdout, `${atLimit}:1:`, 'unknown property "x"', `${quoted}: ok`);
  assert.doesNotMatch(validated.stdout, /nested more than/);
});

test(`a sweep axis of 200000 values is refused at its place (at most ${MAX_AXIS_VALUES}), for either kind`, async () => {
  const dir = temporaryDir('lth-long-axis-');
  const values = Array.from({ length: 200_000 }, (_, index) => index + 1);
  const teacherStudent = join(dir, 'samples.lth.json');
  writeFileSync(teacherStudent, JSON.stringify({ kind: 'teacher-student', samples: values }));
  const ticket = join(dir, 'tickets.lth.json');
  writeFileSync(ticket, JSON.stringify({ kind: 'lottery-ticket', trials: 1, data: { trainSize: values } }));
  const validated = await lthInProcess(['validate', teacherStudent, ticket]);
  assert.equal(validated.code, 1);
  assertCleanMessage(
    validated.stdout,
    `${teacherStudent}:1:37: samples: a list of 200000 values; expected at most ${MAX_AXIS_VALUES}`,
    `${ticket}:1:`, `data.trainSize: a list of 200000 values; expected at most ${MAX_AXIS_VALUES}`,
  );
  assertCleanMessage(validated.stderr);
});
