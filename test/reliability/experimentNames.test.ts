// Items 2 and 3: an experiment's name is checked once, for every kind, as the one folder name it
// becomes; the name taken from the file name is made fit; the trainer and the extension take it
// from the same function and look for runs through the same folder function, which never leaves
// the runs root; and what the CLI prints from files and folders cannot drive the terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimentNameFromFileName, MAX_NAME_LENGTH, nameProblem } from '../../src/core/config/experimentName';
import { parseExperimentText } from '../../src/core/config/parseExperimentText';
import { writeManifest } from '../../src/core/runs/manifestFile';
import { createRunFolder, experimentRunsFolder } from '../../src/core/runs/runFolder';
import { listRuns } from '../../src/core/runs/runListing';
import { experimentNameOf } from '../../src/extension/experimentName';
import { readSnapshot } from '../../src/extension/panel/runSnapshots';
import { fakeManifest } from '../unit/runs/fakeRunFolder';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthInProcess } from './support';

/** Names that must never become a folder, each with what its message says. */
const UNFIT_NAMES: Array<[string, RegExp]> = [
  ['bad\u001b[2Jname', /control or invisible character U\+001B; expected printable characters only/],
  ['tab\there', /U\+0009/],
  ['nul\u0000byte', /U\+0000/],
  ['line\nbreak', /U\+000A/],
  ['c1\u009bcsi', /U\+009B/],
  ['bidi\u202eflip', /U\+202E/],
  ['x'.repeat(300), /is 300 characters long; expected at most 100/],
  ['漢'.repeat(90), /takes 270 bytes in UTF-8; expected at most 255/],
  ['../escape', /holds "\/"/],
  ['a\\b', /holds "\\"/],
  ['C:drive', /holds ":"/],
  ['.', /expected a name other than "\." or "\.\."/],
  ['..', /expected a name other than "\." or "\.\."/],
  ['trailing.', /ends with a dot/],
  ['trailing ', /starts or ends with a space/],
  ['   ', /starts or ends with a space/],
];

function fileWithName(kind: string, name: string): string {
  return `{\n  "kind": "${kind}",\n  "name": ${JSON.stringify(name)}\n}\n`;
}

test('an unfit name is refused for every kind, located at "name", saying what was expected', () => {
  for (const kind of ['teacher-student', 'lottery-ticket']) {
    for (const [name, expected] of UNFIT_NAMES) {
      const result = parseExperimentText(fileWithName(kind, name), `/w/file.lth.json`);
      assert.equal(result.ok, false, `${kind}: ${JSON.stringify(name)} was accepted`);
      const problem = result.problems.find((found) => found.path === 'name');
      assert.ok(problem, `${kind}: no problem at "name" for ${JSON.stringify(name)}: ${JSON.stringify(result.problems)}`);
      assert.equal(problem.line, 3, 'located at the name\'s line');
      assert.match(problem.message, /cannot be a folder name: it /);
      assert.match(problem.message, expected);
    }
  }
  for (const fit of ['phase-transition', 'Tickets (MNIST) v2', 'ünïcödé 漢字', '.hidden', 'x'.repeat(MAX_NAME_LENGTH)]) {
    assert.equal(nameProblem(fit), undefined, fit);
    assert.ok(parseExperimentText(fileWithName('teacher-student', fit), '/w/file.lth.json').ok, fit);
  }
});

test('the name taken from the file name is made fit: control characters, reserved characters, ends and length', () => {
  const cases: Array<[string, string]> = [
    ['/w/phase.lth.json', 'phase'],
    ['/w/bad\u001b[2J\u0007name.lth.json', 'bad_[2J_name'],
    ['/w/what?.lth.json', 'what_'],
    ['/w/trailing. .lth.json', 'trailing'],
    ['/w/ spaced .lth.json', 'spaced'],
    ['/w/..lth.json', 'experiment'],
    ['/w/...lth.json', 'experiment'],
    ['/w/.lth.json', 'experiment'],
    [`/w/${'y'.repeat(250)}.lth.json`, 'y'.repeat(MAX_NAME_LENGTH)],
    [`/w/${'漢'.repeat(99)}.lth.json`, '漢'.repeat(85)],
  ];
  for (const [fileName, name] of cases) {
    assert.equal(experimentNameFromFileName(fileName), name, fileName);
    assert.equal(nameProblem(name), undefined, `${name} is fit`);
  }
  const resolved = parseExperimentText('{ "kind": "teacher-student" }', '/w/bad\u001bname.lth.json');
  assert.ok(resolved.ok);
  assert.equal(resolved.experiment.name, 'bad_name', 'a run of that file goes to a fit folder');
});

test('the trainer and the extension agree on the name, blank and __proto__ included', () => {
  const files: Array<[string, string]> = [
    ['{ "kind": "teacher-student", "name": "phase" }', 'phase'],
    ['{ "kind": "teacher-student" }', 'convergence'],
  ];
  for (const [text, name] of files) {
    const trainer = parseExperimentText(text, '/w/convergence.lth.json');
    assert.ok(trainer.ok, text);
    assert.equal(trainer.experiment.name, name, text);
    assert.equal(experimentNameOf(text, '/w/convergence.lth.json'), name, text);
  }
  // "__proto__" is refused by the trainer (an unknown property). Parsed tolerantly it sets the
  // object's prototype, whose "name" the extension took, and read runs from ../../outside.
  const proto = '{ "kind": "teacher-student", "__proto__": { "name": "../../outside" } }';
  assert.deepEqual(parseExperimentText(proto, '/w/convergence.lth.json').ok, false);
  assert.equal(experimentNameOf(proto, '/w/convergence.lth.json'), 'convergence', 'an inherited "name" is no name of the file');
  // A blank name: the trainer refuses the file, and the extension finds no folder either (before,
  // it showed the runs of the file name, where the trainer never wrote).
  const blank = '{ "kind": "teacher-student", "name": "  " }';
  assert.equal(parseExperimentText(blank, '/w/convergence.lth.json').ok, false);
  assert.throws(() => listRuns(temporaryDir(), experimentNameOf(blank, '/w/convergence.lth.json')), /cannot be a folder name .*starts or ends with a space/);
});

test('the extension never reads a run folder outside the runs root, whatever the file names', () => {
  const workspace = temporaryDir();
  const runsRoot = join(workspace, 'runs');
  mkdirSync(runsRoot);
  const outside = createRunFolder(workspace, 'secret', new Date()); // <workspace>/secret/<time>: ../secret from the root
  writeManifest(outside, fakeManifest({ experiment: 'secret' }));
  writeFileSync(join(outside, 'trials.jsonl'), '');

  const invalidFiles = [
    '{ "kind": "teacher-student", "name": "../secret" }',
    '{ "kind": "teacher-student", "name": "..", broken',
    '{ "__proto__": { "name": "../secret" }, "kind": 3 }',
    '{ "name": "/etc" }',
  ];
  for (const text of invalidFiles) {
    const experimentName = experimentNameOf(text, '/w/file.lth.json');
    let runs: unknown[] = [];
    try {
      runs = readSnapshot({ experimentName, runsRoot }).runs;
    } catch (error) {
      assert.match((error as Error).message, /cannot be a folder name under/, text);
    }
    assert.deepEqual(runs, [], `${text}: listed runs outside the root`);
  }
  assert.throws(() => experimentRunsFolder(runsRoot, '..'), /cannot be a folder name under .*runs/);
  assert.equal(experimentRunsFolder(runsRoot, 'phase'), join(runsRoot, 'phase'));
});

test('what the CLI prints from files and folders is shown with its control characters escaped', async () => {
  const dir = temporaryDir();
  // OSC (retitle), BEL, then CSI as one C1 character: JSON.stringify escapes the first two, not the last.
  const escape = '\u001b]0;pwned\u0007\u009b2J';
  // validate: the problem quotes the name.
  const named = writeTinyExperiment(dir, { name: `x${escape}` });
  const validated = await lthInProcess(['validate', named]);
  assert.equal(validated.code, 1);
  assertCleanMessage(validated.stdout, /name: "x\\u001b\]0;pwned\\u0007\\u009b2J" cannot be a folder name/);

  // run: the file's own name carries the escape; the run folder name is made fit, the path printed escaped.
  const sneaky = join(dir, `sneaky${escape}.lth.json`);
  writeFileSync(sneaky, JSON.stringify({ kind: 'teacher-student', seed: 1, teacher: { inputDim: 10, hiddenUnits: 2, nonzerosPerNeuron: 2 }, samples: 30, trials: 1, training: { init: 'near', maxIterations: 5, curvePoints: 2 }, evaluation: { testSamples: 50 } }));
  const run = await lthInProcess(['run', sneaky, '--out', join(dir, 'runs')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /Experiment sneaky_\]0;pwned__2J: 1 trials/);

  // summarize: a manifest edited by hand to hold an escape in its experiment name.
  const [folder] = listRuns(join(dir, 'runs'), 'sneaky_]0;pwned__2J');
  writeManifest(folder.runDir, { ...folder.manifest, experiment: `evil${escape}` });
  const summary = await lthInProcess(['summarize', folder.runDir]);
  assert.equal(summary.code, 0, summary.stderr);
  assert.match(summary.stdout, /Experiment evil\\u001b\]0;pwned\\u0007\\u009b2J \(config/);

  for (const printed of [validated.stdout, validated.stderr, run.stdout, run.stderr, summary.stdout, summary.stderr]) {
    assert.doesNotMatch(printed, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/, 'no raw control character reaches the terminal');
  }
});

test('--events json stays valid JSON, with the same values, through the escaping', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir, { description: 'c1 \u009b and \u2028 inside' });
  const result = await lthInProcess(['run', configPath, '--out', join(dir, 'runs'), '--events', 'json']);
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stdout, /[\u009b\u2028]/);
  const started = result.events.find((event) => event.type === 'run-started');
  assert.ok(started?.type === 'run-started');
  assert.equal((started.manifest.config as { description?: string }).description, 'c1 \u009b and \u2028 inside');
});
