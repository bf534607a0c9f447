// `lth validate`: exit codes and the one-line-per-problem output.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateCommand } from '../../../src/cli/commands/validate';
import { positionOf } from './problemTestHelpers';

const INVALID_TEXT = '{\n  "kind": "teacher-student",\n  "teacher": { "nonzerosPerNeuron": [5, 0] },\n  "training": { "momentum": 1.5 }\n}';

function captured() {
  const lines = { out: [] as string[], error: [] as string[] };
  return { lines, output: { out: (line: string) => lines.out.push(line), error: (line: string) => lines.error.push(line) } };
}

describe('lth validate', () => {
  let folder: string;
  let valid: string;
  let invalid: string;
  let warned: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'lth-validate-'));
    valid = join(folder, 'valid.lth.json');
    invalid = join(folder, 'invalid.lth.json');
    warned = join(folder, 'warned.lth.json');
    writeFileSync(valid, '{ "kind": "teacher-student", "samples": [100, 200, 300], "teacher": { "nonzerosPerNeuron": [5, 10] }, "trials": 4 }');
    writeFileSync(invalid, INVALID_TEXT);
    writeFileSync(warned, '{ "kind": "teacher-student", "training": { "stepSize": 100 } }');
    mkdirSync(join(folder, 'folder.lth.json'));
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('prints ok with the grid size and exits 0 for a valid file', async () => {
    const { lines, output } = captured();
    assert.equal(await validateCommand([valid], output), 0);
    assert.equal(lines.out[0], `${valid}: ok (6 cells × 4 trials = 24 trainings)`);
    assert.ok(lines.out[1].startsWith(`${valid}: estimate: `), lines.out[1]);
    assert.match(lines.out[1], /: estimate: about [\d.]+ MiB per worker thread, up to about \d+ s on \d+ worker threads?$/);
    assert.equal(lines.out.length, 2);
    assert.deepEqual(lines.error, []);
  });

  it('prints FILE:LINE:COL: path: message per problem and exits 1', async () => {
    const { lines, output } = captured();
    assert.equal(await validateCommand([invalid], output), 1);
    assert.equal(lines.out.length, 2);
    const zero = positionOf(INVALID_TEXT, '0]');
    const momentum = positionOf(INVALID_TEXT, '1.5');
    assert.ok(lines.out[0].startsWith(`${invalid}:${zero.line}:${zero.column}: teacher.nonzerosPerNeuron[1]: 0 is out of range`), lines.out[0]);
    assert.ok(lines.out[1].startsWith(`${invalid}:${momentum.line}:${momentum.column}: training.momentum: 1.5 is out of range`), lines.out[1]);
  });

  it('prints warnings prefixed "warning:" and still exits 0', async () => {
    const { lines, output } = captured();
    assert.equal(await validateCommand([warned], output), 0);
    assert.match(lines.out[0], /: training\.stepSize: warning: 100: descent is expected to diverge/);
    assert.match(lines.out[1], /: ok \(1 cells × 3 trials = 3 trainings\)$/);
  });

  it('checks every file and fails when one is missing or a folder', async () => {
    const { lines, output } = captured();
    const missing = join(folder, 'missing.lth.json');
    assert.equal(await validateCommand([valid, missing, join(folder, 'folder.lth.json')], output), 1);
    assert.equal(lines.out.length, 2, 'the valid file: ok and its estimate');
    assert.deepEqual(lines.error, [`${missing}: error: cannot read the file: no such file or folder (ENOENT)`, `${join(folder, 'folder.lth.json')}: error: cannot read the file: it is a folder (EISDIR)`]);
  });

  it('exits 2 on usage errors and 0 for --help', async () => {
    const none = captured();
    assert.equal(await validateCommand([], none.output), 2);
    assert.match(none.lines.error[0], /expected at least one FILE/);
    const option = captured();
    assert.equal(await validateCommand(['--strict', valid], option.output), 2);
    assert.match(option.lines.error[0], /unknown option --strict/);
    const help = captured();
    assert.equal(await validateCommand(['--help'], help.output), 0);
    assert.match(help.lines.out[0], /^Usage: lth validate FILE/);
  });
});
