// The re-run rule shared by `lth run` and the editor's Run (issue: re-running did not resume).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunListing } from '../../../src/core/runs/runListing';
import { runToContinue } from '../../../src/core/runs/runToContinue';
import type { RunManifest } from '../../../src/shared/runManifest';
import { fakeManifest } from './fakeRunFolder';

function listing(folder: string, manifest: Partial<RunManifest>): RunListing {
  return { runId: `tiny/${folder}`, runDir: `/runs/tiny/${folder}`, manifest: fakeManifest(manifest), completedTrials: 1 };
}

function chosen(result: ReturnType<typeof runToContinue>): string {
  return result.kind === 'none' ? 'none' : `${result.kind} ${result.run.runId}`;
}

test('the newest unfinished folder of the same trials is continued', () => {
  const runs = [listing('3', { configHash: 'other', status: 'cancelled' }), listing('2', { configHash: 'same', status: 'cancelled' }), listing('1', { configHash: 'same', status: 'failed' })];
  assert.equal(chosen(runToContinue(runs, 'same')), 'unfinished tiny/2');
});

test('a crashed run (still "running" on disk) is continued too', () => {
  assert.equal(chosen(runToContinue([listing('1', { configHash: 'same', status: 'running' })], 'same')), 'unfinished tiny/1');
});

test('when the newest run of the same trials completed, it is finished: an older unfinished one is not picked', () => {
  const runs = [listing('2', { configHash: 'same', status: 'completed' }), listing('1', { configHash: 'same', status: 'cancelled' })];
  assert.equal(chosen(runToContinue(runs, 'same')), 'finished tiny/2');
});

test('only folders of the same shard count; other configs never', () => {
  const shardOne = { index: 1, count: 2 };
  const runs = [listing('3', { configHash: 'same', status: 'cancelled', shard: shardOne }), listing('2', { configHash: 'other', status: 'cancelled' })];
  assert.equal(chosen(runToContinue(runs, 'same')), 'none', 'a shard folder is not the whole sweep');
  assert.equal(chosen(runToContinue(runs, 'same', shardOne)), 'unfinished tiny/3');
  assert.equal(chosen(runToContinue(runs, 'same', { index: 2, count: 2 })), 'none');
  assert.equal(chosen(runToContinue([], 'same')), 'none');
});
