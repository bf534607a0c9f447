// A manifest.json that is not this run's — another tool's file, a damaged one, or the manifest of
// another experiment — in or under the --out folder: a clean message that names the file and
// what to do, and nothing in the folder is written, renamed or removed.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { MANIFEST_FILE } from '../../src/core/runs/runFolder';
import type { RunEvent } from '../../src/shared/protocol';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthInProcess } from './support';

/** Every file under `dir` with its bytes, for "nothing changed". */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'base64'));
    }
  };
  walk(dir);
  return files;
}

function runDirOf(events: RunEvent[]): string {
  const started = events.find((event) => event.type === 'run-started');
  assert.ok(started?.type === 'run-started');
  return started.runDir;
}

const FOREIGN_MANIFESTS: Record<string, string> = {
  'a web extension\'s manifest': '{ "name": "webapp", "version": "1.0.0", "manifest_version": 3 }\n',
  'a list': '[1, 2, 3]\n',
  'damaged JSON': '{ "experiment": "tiny",\n  "kind": \n',
};

test('--out holding another tool\'s manifest.json: run, summarize, report and repair refuse it by name, and nothing in the folder changes', async () => {
  for (const [what, text] of Object.entries(FOREIGN_MANIFESTS)) {
    const dir = temporaryDir('lth-foreign-');
    const configPath = writeTinyExperiment(dir);
    const out = join(dir, 'project');
    mkdirSync(out);
    writeFileSync(join(out, MANIFEST_FILE), text);
    writeFileSync(join(out, 'trials.jsonl'), '{"not": "ours"}\n');
    const before = snapshot(out);
    const manifestPath = join(out, MANIFEST_FILE);
    const reason = /: (not a run manifest of LTH Lab \(manifest\.json(\.experiment)?: expected|not valid JSON \()/;

    const run = await lthInProcess(['run', configPath, '--out', out]);
    assert.equal(run.code, 1, what);
    assertCleanMessage(run.stderr, `lth run: cannot run into --out ${out}: ${manifestPath}`, reason, 'give --out a folder of runs instead');
    assert.equal(run.stderr.trim().split('\n').length, 1, `one line for ${what}`);
    const resume = await lthInProcess(['run', configPath, '--resume', out]);
    assert.equal(resume.code, 1);
    assertCleanMessage(resume.stderr, `lth run: cannot resume ${out}: ${manifestPath}`, reason);
    const fresh = await lthInProcess(['run', configPath, '--new', '--out', out]);
    assert.equal(fresh.code, 2);
    assertCleanMessage(fresh.stderr, `${out} is itself a run folder; expected --out to name a folder of runs`);

    for (const command of ['summarize', 'report', 'repair']) {
      const result = await lthInProcess([command, out]);
      assert.equal(result.code, 1, `${command} on ${what}`);
      assertCleanMessage(result.stderr, `lth ${command}: ${manifestPath}`, reason);
    }
    assert.deepEqual(snapshot(out), before, `nothing in the folder changed (${what})`);
  }
});

test('--out naming the run folder of another experiment: refused with both configs named; the folder is untouched', async () => {
  const dir = temporaryDir('lth-foreign-');
  const other = temporaryDir('lth-foreign-other-');
  const out = runDirOf((await lthInProcess(['run', writeTinyExperiment(other, { name: 'other', seed: 99 }), '--out', join(other, 'runs'), '--events', 'json'])).events);
  const before = snapshot(out);
  const configPath = writeTinyExperiment(dir);

  const run = await lthInProcess(['run', configPath, '--out', out]);
  assert.equal(run.code, 1);
  assertCleanMessage(run.stderr, `--out ${out} is the run folder of another config (experiment "other" of kind teacher-student, configHash `, `${configPath} gives `, 'nothing in it was changed', `Give --out a folder of runs (such as ${join(other, 'runs')})`);
  const resume = await lthInProcess(['run', configPath, '--resume', out]);
  assert.equal(resume.code, 1);
  assertCleanMessage(resume.stderr, `cannot resume ${out}: the folder was run with a different config (experiment "other"`);
  assert.deepEqual(snapshot(out), before);

  // The same folder copied elsewhere: no folder of runs to point at.
  const copied = join(dir, 'copied-run');
  cpSync(out, copied, { recursive: true });
  const fromCopy = await lthInProcess(['run', configPath, '--out', copied]);
  assertCleanMessage(fromCopy.stderr, `--out ${copied} is the run folder of another config`, `Give --out a folder of runs to start a run of ${configPath}`);
  assert.deepEqual(snapshot(copied), before);
});

test('a foreign manifest in a folder among the runs is skipped with a warning that names it, and left as it is; the run gets its own folder', async () => {
  const dir = temporaryDir('lth-foreign-');
  const configPath = writeTinyExperiment(dir);
  const out = join(dir, 'runs');
  const strange = join(out, 'tiny', '2020-01-01T00-00-00Z');
  mkdirSync(strange, { recursive: true });
  writeFileSync(join(strange, MANIFEST_FILE), FOREIGN_MANIFESTS['a web extension\'s manifest']);
  const before = snapshot(strange);

  const run = await lthInProcess(['run', configPath, '--out', out, '--events', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const warning = run.events.find((event) => event.type === 'log' && event.level === 'warn');
  assert.ok(warning?.type === 'log');
  assertCleanMessage(warning.message, `skipped a run folder: ${join(strange, MANIFEST_FILE)}: not a run manifest of LTH Lab`);
  assert.notEqual(runDirOf(run.events), strange);
  assert.equal(run.events.filter((event) => event.type === 'trial-completed').length, 8);
  assert.deepEqual(snapshot(strange), before);
});
