import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeRunFolders } from '../../../src/core/runs/runReader';
import { listRuns } from '../../../src/core/runs/runListing';
import { fakeRecord } from '../analysis/fakeRecord';
import { fakeManifest, makeRunFolder } from './fakeRunFolder';

test('mergeRunFolders: the union by (cell, trial), duplicates counted once', () => {
  const root = mkdtempSync(join(tmpdir(), 'lth-merge-'));
  const shared = fakeRecord({ samples: 10, trial: 0, relativeError: 0.1 });
  const first = makeRunFolder(join(root, 'a'), fakeManifest({ shard: { index: 1, count: 2 } }), [shared, fakeRecord({ samples: 10, trial: 1 })]);
  const second = makeRunFolder(join(root, 'b'), fakeManifest({ shard: { index: 2, count: 2 } }), [
    fakeRecord({ samples: 20, trial: 0 }),
    { ...shared, relativeError: 0.2 },
  ]);
  writeFileSync(join(second, 'trials.jsonl'), '{"torn', { flag: 'a' });
  const merged = mergeRunFolders([first, second]);
  assert.deepEqual(merged.records.map((record) => [record.samples, record.trial]), [[10, 0], [10, 1], [20, 0]]);
  assert.equal(merged.records[0].relativeError, 0.1, 'the first folder wins');
  assert.equal(merged.duplicates, 1);
  assert.equal(merged.tornLines, 1);
  assert.equal(merged.runs.length, 2);
});

test('mergeRunFolders: folders of different configs are refused', () => {
  const root = mkdtempSync(join(tmpdir(), 'lth-merge-'));
  const first = makeRunFolder(join(root, 'a'), fakeManifest(), []);
  const second = makeRunFolder(join(root, 'b'), fakeManifest({ configHash: 'b'.repeat(64) }), []);
  assert.throws(() => mergeRunFolders([first, second]), /they were run with different configs/);
  assert.throws(() => mergeRunFolders([]), /no run folder given/);
});

test('listRuns: newest first, per experiment or all, damaged folders reported not fatal', () => {
  const root = mkdtempSync(join(tmpdir(), 'lth-list-'));
  makeRunFolder(join(root, 'alpha', '2025-01-01T00-00-00Z'), fakeManifest({ experiment: 'alpha' }), [fakeRecord({}), fakeRecord({ trial: 1 })]);
  makeRunFolder(join(root, 'alpha', '2025-02-01T00-00-00Z'), fakeManifest({ experiment: 'alpha', startedAt: '2025-02-01T00:00:00.000Z' }), []);
  makeRunFolder(join(root, 'beta', '2025-01-15T00-00-00Z'), fakeManifest({ experiment: 'beta', startedAt: '2025-01-15T00:00:00.000Z' }), [fakeRecord({})]);
  mkdirSync(join(root, 'beta', 'not-a-run'));
  mkdirSync(join(root, 'beta', 'damaged'));
  writeFileSync(join(root, 'beta', 'damaged', 'manifest.json'), '{');
  writeFileSync(join(root, 'alpha', '2025-01-01T00-00-00Z', 'trials.jsonl'), '{"torn', { flag: 'a' });

  const problems: string[] = [];
  const all = listRuns(root, undefined, (message) => problems.push(message));
  assert.deepEqual(all.map((run) => [run.runId, run.completedTrials]), [
    ['alpha/2025-02-01T00-00-00Z', 0],
    ['beta/2025-01-15T00-00-00Z', 1],
    ['alpha/2025-01-01T00-00-00Z', 2],
  ]);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /damaged.*not valid JSON/);
  assert.deepEqual(listRuns(root, 'alpha').map((run) => run.manifest.experiment), ['alpha', 'alpha']);
  assert.deepEqual(listRuns(join(root, 'missing')), []);
});
