// Run folders written by version 0.1 (manifests without `kind` and `resolved`) still open, and
// still resume: the upgrade resolves their config exactly as the run did.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveTeacherStudent } from '../../../src/core/families/teacher-student/resolve';
import { readManifest } from '../../../src/core/runs/manifestFile';
import { upgradeManifest } from '../../../src/core/runs/manifestUpgrade';
import { experimentHash } from '../../../src/core/sweep/experimentHash';
import { fakeManifest } from './fakeRunFolder';

const FIXTURE_RUNS = join(__dirname, '..', '..', 'fixtures', 'runs');
/** The run folders under test/fixtures/runs that 0.1 wrote (the panel tests' teacher-student runs). */
const oldRunDirs = ['panel-phase', 'panel-noise'].flatMap((experiment) => readdirSync(join(FIXTURE_RUNS, experiment)).map((folder) => join(FIXTURE_RUNS, experiment, folder)));

test('a 0.1 manifest reads with its kind and its resolved experiment, whose hash is the one the run stored', () => {
  assert.ok(oldRunDirs.length >= 3);
  for (const runDir of oldRunDirs) {
    const raw = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    assert.equal(raw.resolved, undefined, `${runDir} is a 0.1 folder`);
    const manifest = readManifest(runDir);
    assert.equal(manifest.kind, 'teacher-student');
    assert.deepEqual(manifest.resolved, resolveTeacherStudent(raw.config, raw.experiment));
    assert.equal(experimentHash(manifest.resolved), raw.configHash, 'a re-run of the same file resumes this folder');
    assert.deepEqual({ ...manifest, kind: undefined, resolved: undefined }, { ...raw, kind: undefined, resolved: undefined }, 'nothing else changes');
  }
});

test('a current manifest, and anything the upgrade cannot read, pass through unchanged', () => {
  const current = fakeManifest();
  assert.equal(upgradeManifest(current), current);
  for (const raw of [null, 3, [], { experiment: 'x', config: { kind: 'no-such-kind' } }, { experiment: 'x' }, { config: { kind: 'teacher-student' } }]) {
    assert.equal(upgradeManifest(raw), raw);
  }
  const unresolvable = { experiment: 'x', config: { kind: 'teacher-student', teacher: { nonzerosPerNeuron: 2, pruningRatio: 0.5 } } };
  assert.equal(upgradeManifest(unresolvable), unresolvable, 'the manifest check then reports what is missing');
});
