import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readSnapshot } from '../../../src/extension/panel/runSnapshots';
import { fakeManifest, makeRunFolder } from '../runs/fakeRunFolder';
import { fakeTrialRecord } from './fixtures/trialRecord';

const root = mkdtempSync(join(tmpdir(), 'lth-snapshot-'));
after(() => rmSync(root, { recursive: true, force: true }));

const older = makeRunFolder(join(root, 'tiny', '2025-01-01T00-00-00Z'), fakeManifest({ startedAt: '2025-01-01T00:00:00.000Z' }), [0, 1, 2].map((trial) => fakeTrialRecord(trial)));
const newer = makeRunFolder(join(root, 'tiny', '2025-01-02T00-00-00Z'), fakeManifest({ startedAt: '2025-01-02T00:00:00.000Z' }), [fakeTrialRecord(0)]);
// Another experiment's run under the same root is not ours.
makeRunFolder(join(root, 'other', '2025-01-03T00-00-00Z'), fakeManifest({ experiment: 'other', startedAt: '2025-01-03T00:00:00.000Z' }), []);
const target = { experimentName: 'tiny', runsRoot: root };

test('lists the experiment\'s runs newest first and selects the newest by default', () => {
  const snapshot = readSnapshot(target);
  assert.deepEqual(snapshot.runs.map((run) => run.runDir), [newer, older]);
  assert.deepEqual(snapshot.selectedRunIds, ['tiny/2025-01-02T00-00-00Z']);
  assert.deepEqual(snapshot.problems, []);
});

test('a requested selection is kept when the runs exist; vanished runs are dropped', () => {
  const snapshot = readSnapshot(target, ['tiny/2025-01-01T00-00-00Z', 'tiny/gone']);
  assert.deepEqual(snapshot.selectedRunIds, ['tiny/2025-01-01T00-00-00Z']);
  assert.equal(snapshot.runs.find((run) => run.runDir === older)?.records.length, 3);
});

test('unselected runs carry their records only within the budget', () => {
  const withinBudget = readSnapshot(target, [], 10);
  assert.equal(withinBudget.runs.find((run) => run.runDir === older)?.records.length, 3);
  const overBudget = readSnapshot(target, [], 2);
  assert.equal(overBudget.runs.find((run) => run.runDir === older)?.records.length, 0, 'unselected and over budget: left for select-runs');
  assert.equal(overBudget.runs.find((run) => run.runDir === newer)?.records.length, 1, 'selected runs are always complete');
});

test('a torn last line is ignored, a damaged manifest is a problem that hides only its own run', () => {
  const torn = makeRunFolder(join(root, 'torn', '2025-01-01T00-00-00Z'), fakeManifest({ experiment: 'torn' }), [fakeTrialRecord(0)]);
  appendFileSync(join(torn, 'trials.jsonl'), '{"cell":"samples=10","tri');
  const damaged = join(root, 'torn', '2025-01-05T00-00-00Z');
  makeRunFolder(damaged, fakeManifest({ experiment: 'torn' }), []);
  writeFileSync(join(damaged, 'manifest.json'), '{ not json');
  const snapshot = readSnapshot({ experimentName: 'torn', runsRoot: root });
  assert.equal(snapshot.runs.length, 1);
  assert.equal(snapshot.runs[0].records.length, 1);
  assert.equal(snapshot.problems.length, 1);
  assert.match(snapshot.problems[0], /manifest\.json/);
});

test('a runs root that does not exist yet is an empty snapshot', () => {
  const snapshot = readSnapshot({ experimentName: 'tiny', runsRoot: join(root, 'missing') });
  assert.deepEqual(snapshot, { runs: [], selectedRunIds: [], problems: [] });
});
