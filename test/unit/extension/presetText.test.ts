import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'jsonc-parser';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';
import { presetDescription, presetForWorkspace } from '../../../src/extension/presetText';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

test('a relative $schema is removed; comments and every other field stay', () => {
  const text = '// what it shows\n{\n  "$schema": "../schemas/lth.schema.json",\n  "kind": "teacher-student", // family\n  "trials": 2\n}\n';
  const copied = presetForWorkspace(text);
  assert.doesNotMatch(copied, /\$schema/);
  assert.match(copied, /\/\/ what it shows/);
  assert.match(copied, /\/\/ family/);
  assert.deepEqual(parse(copied), { kind: 'teacher-student', trials: 2 });
});

test('an absolute $schema URL, or none, leaves the text untouched', () => {
  const withUrl = '{ "$schema": "https://lth-lab.dev/schemas/lth.schema.json", "kind": "teacher-student" }';
  assert.equal(presetForWorkspace(withUrl), withUrl);
  const without = '{ "kind": "teacher-student" }';
  assert.equal(presetForWorkspace(without), without);
});

test('every bundled preset stays a valid experiment after the copy, and has a description for the pick', () => {
  const presets = readdirSync(EXAMPLES).filter((name) => name.endsWith('.lth.json'));
  assert.ok(presets.length > 0, 'no presets in examples/');
  for (const name of presets) {
    const copied = presetForWorkspace(readFileSync(join(EXAMPLES, name), 'utf8'));
    const result = parseExperimentText(copied, name);
    assert.ok(result.ok, `${name}: ${JSON.stringify(result.problems)}`);
    assert.ok(presetDescription(copied), `${name} has no "description"`);
  }
});
