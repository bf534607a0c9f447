import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunListing } from '../../../src/core/runs/runListing';
import type { RunManifest } from '../../../src/shared/runManifest';
import { chooseResumeFolder } from '../../../src/extension/runner/resumeFolder';
import { fakeManifest } from '../runs/fakeRunFolder';

function listing(folder: string, manifest: Partial<RunManifest>): RunListing {
  return { runId: `tiny/${folder}`, runDir: `/runs/tiny/${folder}`, manifest: fakeManifest(manifest), completedTrials: 1 };
}

test('the newest unfinished folder of the same trials is resumed', () => {
  const runs = [listing('3', { configHash: 'other', status: 'cancelled' }), listing('2', { configHash: 'same', status: 'cancelled' }), listing('1', { configHash: 'same', status: 'failed' })];
  assert.equal(chooseResumeFolder(runs, 'same')?.runId, 'tiny/2');
});

test('a crashed run (still "running" on disk) is resumed too', () => {
  assert.equal(chooseResumeFolder([listing('1', { configHash: 'same', status: 'running' })], 'same')?.runId, 'tiny/1');
});

test('when the newest run of the same trials completed, a new folder is started', () => {
  const runs = [listing('2', { configHash: 'same', status: 'completed' }), listing('1', { configHash: 'same', status: 'cancelled' })];
  assert.equal(chooseResumeFolder(runs, 'same'), undefined);
});

test('shard folders and other configs are never resumed by the editor', () => {
  const runs = [listing('2', { configHash: 'same', status: 'cancelled', shard: { index: 0, count: 2 } }), listing('1', { configHash: 'other', status: 'cancelled' })];
  assert.equal(chooseResumeFolder(runs, 'same'), undefined);
  assert.equal(chooseResumeFolder([], 'same'), undefined);
});
