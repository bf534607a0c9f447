// Runs know their experiment file and their label: a copy of a file keeps the name (so its runs
// share the folder) but is told apart by the file its runs record.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from '../../../src/core/execution/runExperiment';
import { experimentFilePath } from '../../../src/core/runs/experimentFilePath';
import { listRuns } from '../../../src/core/runs/runListing';
import { cleanRunLabel, LABEL_FILE, readRunLabel, writeRunLabel } from '../../../src/core/runs/runLabel';
import { isRunOfFile, otherSourceFiles } from '../../../src/core/runs/runSource';
import { runToContinue } from '../../../src/core/runs/runToContinue';
import { readSnapshot } from '../../../src/extension/panel/runSnapshots';
import { temporaryDir, writeTinyExperiment } from '../execution/fixtures/tinyExperiment';
import { fakeManifest, makeRunFolder } from './fakeRunFolder';

const root = mkdtempSync(join(tmpdir(), 'lth-identity-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a run records its experiment file relative to the working folder (or as told), with / separators', async () => {
  const workspace = temporaryDir();
  const configPath = writeTinyExperiment(workspace);
  assert.equal(experimentFilePath(configPath, workspace), 'tiny.lth.json');
  assert.equal(experimentFilePath(join(workspace, 'a', 'b.lth.json'), workspace), 'a/b.lth.json');
  const fakeWorker = join(__dirname, '..', 'execution', 'fixtures', 'fakeTrialWorker.ts');
  const outcome = await runExperiment({ configPath, outDir: join(workspace, 'runs'), workers: 1, workerScript: fakeWorker, experimentFile: 'experiments/tiny.lth.json' }, () => {});
  assert.equal(outcome.status, 'completed');
  assert.equal(JSON.parse(readFileSync(join(outcome.runDir, 'manifest.json'), 'utf8')).experimentFile, 'experiments/tiny.lth.json');
});

test('runs of a file: those recording it or none; other files sharing the name are named', () => {
  const own = { experimentFile: 'examples/a.lth.json' };
  const copy = { experimentFile: 'copies/a.lth.json' };
  const unrecorded = {};
  assert.equal(isRunOfFile(own, 'examples/a.lth.json'), true);
  assert.equal(isRunOfFile(copy, 'examples/a.lth.json'), false);
  assert.equal(isRunOfFile(unrecorded, 'examples/a.lth.json'), true, 'runs from before files were recorded stay with the name');
  assert.equal(isRunOfFile(copy, undefined), true, 'a caller without a file sees every run');
  assert.deepEqual(otherSourceFiles([own, copy, unrecorded, copy, { experimentFile: 'b/a.lth.json' }], 'examples/a.lth.json'), ['b/a.lth.json', 'copies/a.lth.json']);
});

test("a re-run never continues a copy's unfinished run of the same config", () => {
  const folder = join(root, 'continue');
  makeRunFolder(join(folder, 'tiny', '2025-01-02T00-00-00Z'), fakeManifest({ startedAt: '2025-01-02T00:00:00.000Z', status: 'cancelled', experimentFile: 'copy/tiny.lth.json' }), []);
  makeRunFolder(join(folder, 'tiny', '2025-01-01T00-00-00Z'), fakeManifest({ startedAt: '2025-01-01T00:00:00.000Z', status: 'cancelled', experimentFile: 'tiny.lth.json' }), []);
  const listings = listRuns(folder, 'tiny');
  const hash = listings[0].manifest.configHash;
  const forOriginal = runToContinue(listings, hash, undefined, 'tiny.lth.json');
  assert.equal(forOriginal.kind === 'unfinished' && forOriginal.run.manifest.experimentFile, 'tiny.lth.json');
  const forCopy = runToContinue(listings, hash, undefined, 'copy/tiny.lth.json');
  assert.equal(forCopy.kind === 'unfinished' && forCopy.run.manifest.experimentFile, 'copy/tiny.lth.json');
  assert.equal(runToContinue(listings, hash, undefined, 'third/tiny.lth.json').kind, 'none');
});

test("a panel's snapshot selects its own file's newest run and carries each run's label", () => {
  const folder = join(root, 'snapshot');
  const copyRun = makeRunFolder(join(folder, 'tiny', '2025-01-03T00-00-00Z'), fakeManifest({ startedAt: '2025-01-03T00:00:00.000Z', experimentFile: 'copy/tiny.lth.json' }), []);
  const ownRun = makeRunFolder(join(folder, 'tiny', '2025-01-01T00-00-00Z'), fakeManifest({ startedAt: '2025-01-01T00:00:00.000Z', experimentFile: 'tiny.lth.json' }), []);
  writeRunLabel(ownRun, '  first   try ');
  const target = { experimentName: 'tiny', runsRoot: folder };
  const snapshot = readSnapshot(target, [], undefined, 'tiny.lth.json');
  assert.deepEqual(snapshot.selectedRunIds, ['tiny/2025-01-01T00-00-00Z'], 'not the newer run of the copy');
  assert.equal(snapshot.runs.find((run) => run.runDir === ownRun)?.label, 'first try');
  assert.equal(snapshot.runs.find((run) => run.runDir === copyRun)?.label, undefined);
  assert.deepEqual(readSnapshot(target).selectedRunIds, ['tiny/2025-01-03T00-00-00Z'], 'without a file: the newest of all');
});

test('labels: one trimmed line beside the run, removed when emptied, too long refused with the limit', () => {
  const runDir = makeRunFolder(join(root, 'labels', 'tiny', 'run'), fakeManifest(), []);
  assert.equal(readRunLabel(runDir), undefined);
  writeRunLabel(runDir, 'η halved\nagain');
  assert.equal(readRunLabel(runDir), 'η halved again');
  assert.equal(readFileSync(join(runDir, LABEL_FILE), 'utf8'), 'η halved again\n');
  writeRunLabel(runDir, '   ');
  assert.equal(existsSync(join(runDir, LABEL_FILE)), false);
  writeRunLabel(runDir, ''); // removing a label that is not there is no error
  assert.throws(() => cleanRunLabel('x'.repeat(81)), /at most 80 characters; this one has 81/);
  writeFileSync(join(runDir, LABEL_FILE), '');
  assert.equal(readRunLabel(runDir), undefined, 'an empty file is no label');
});
