// The editor's watch of a cluster run, on real shard folders written by runExperiment (fake
// trial worker) as the cluster's tasks would: it announces the merged folder, reports each
// landed trial once and the per-shard progress, and ends when every shard has ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeClusterRun, shardRoot, mergedRunFolder, type ClusterRun } from '../../../src/core/cluster/clusterRun';
import { readShardProgress } from '../../../src/core/cluster/shardProgress';
import { runExperiment } from '../../../src/core/execution/runExperiment';
import { readManifest, writeManifest } from '../../../src/core/runs/manifestFile';
import { findRunFolders } from '../../../src/core/runs/shardFolders';
import { readTrialLog } from '../../../src/core/runs/trialLog';
import { experimentHash } from '../../../src/core/sweep/experimentHash';
import { loadExperimentFile } from '../../../src/core/config/loadExperimentFile';
import { ClusterWatch } from '../../../src/extension/cluster/clusterWatch';
import { findNodeExecutable } from '../../../src/extension/cluster/nodeExecutable';
import { checkHostToPanelMessage, checkRunEvent } from '../../../src/shared/protocolGuards';
import type { RunEvent } from '../../../src/shared/protocol';
import { temporaryDir, writeTinyExperiment } from '../execution/fixtures/tinyExperiment';

const fakeWorker = join(__dirname, '..', 'execution', 'fixtures', 'fakeTrialWorker.ts');

async function clusterOf(shards: number) {
  const dir = temporaryDir('lth-watch-');
  const configPath = writeTinyExperiment(dir, { trials: 3 });
  const loaded = await loadExperimentFile(configPath);
  assert.ok(loaded.ok);
  const clusterDir = join(dir, 'cluster');
  const run: ClusterRun = { engine: 'slurm', experiment: 'tiny', configPath, configHash: experimentHash(loaded.experiment), shards, createdAt: new Date().toISOString() };
  writeClusterRun(clusterDir, run);
  const runShard = async (index: number) => {
    const outcome = await runExperiment({ configPath, outDir: shardRoot(clusterDir, index), workers: 1, workerScript: fakeWorker, durable: false, shard: { index, count: shards } }, () => {});
    assert.equal(outcome.status, 'completed');
  };
  return { clusterDir, run, runShard };
}

function until(events: RunEvent[], predicate: (event: RunEvent) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const poll = () => (events.some(predicate) ? resolve() : Date.now() > deadline ? reject(new Error(`no such event in ${events.map((event) => event.type).join(', ')}`)) : setTimeout(poll, 20));
    poll();
  });
}

test('watch: shards landing one by one reach the panel as trials of the merged folder, with per-shard progress', async () => {
  const { clusterDir, run, runShard } = await clusterOf(3);
  assert.deepEqual(readShardProgress(clusterDir, run).map((shard) => shard.status), ['pending', 'pending', 'pending']);
  const events: RunEvent[] = [];
  const watch = new ClusterWatch({ clusterDir, run, intervalMs: 20, onEvent: (event) => events.push(event) });
  await runShard(1);
  await until(events, (event) => event.type === 'run-started');
  await runShard(2);
  await until(events, (event) => event.type === 'shard-progress' && event.shards[1].status === 'completed');
  const middle = events.filter((event) => event.type === 'shard-progress').at(-1);
  assert.ok(middle?.type === 'shard-progress');
  assert.deepEqual(middle.shards.map((shard) => shard.status), ['completed', 'completed', 'pending'], 'shard 3 has not started');
  await runShard(3);
  const exit = await watch.exited;
  assert.equal(exit.finished?.status, 'completed');

  const started = events.find((event) => event.type === 'run-started');
  assert.ok(started?.type === 'run-started');
  assert.equal(started.runDir, mergedRunFolder(clusterDir));
  assert.equal(started.totalTrials, 12);
  const trials = events.filter((event) => event.type === 'trial-completed');
  assert.equal(trials.length, 12, 'each trial reported once');
  assert.deepEqual(trials.map((event) => event.completedTrials), Array.from({ length: 12 }, (_, index) => index + 1));
  assert.equal(readTrialLog(mergedRunFolder(clusterDir)).records.length, 12, 'and on disk in the merged folder');
  for (const event of events) assert.ok(checkRunEvent(event).ok, `${event.type} passes the protocol guard`);
});

test('watch: cancel cancels the jobs and ends the run as cancelled; a shard that failed ends it as failed', async () => {
  const { clusterDir, run, runShard } = await clusterOf(2);
  let jobsCancelled = 0;
  const events: RunEvent[] = [];
  const watch = new ClusterWatch({ clusterDir, run, intervalMs: 20, onEvent: (event) => events.push(event), cancelJobs: () => jobsCancelled++ });
  watch.cancel();
  const exit = await watch.exited;
  assert.equal(jobsCancelled, 1);
  assert.equal(exit.finished?.status, 'cancelled');
  assert.ok(exit.cancelRequested);

  await runShard(1);
  await runShard(2);
  const [second] = findRunFolders(shardRoot(clusterDir, 2));
  writeManifest(second, { ...readManifest(second), status: 'failed' });
  const failed = await new ClusterWatch({ clusterDir, run, intervalMs: 20, onEvent: () => {} }).exited;
  assert.equal(failed.finished?.status, 'failed');
  assert.match(failed.finished?.message ?? '', /shards 2 \(failed\) did not complete/);
});

test('protocol: shard-progress passes the guards; a shard status that is none is refused', () => {
  const shards = [{ index: 1, status: 'running', completedTrials: 2, totalTrials: 5 }];
  assert.ok(checkHostToPanelMessage({ type: 'shard-progress', runId: 'x/y', shards }).ok);
  const bad = checkHostToPanelMessage({ type: 'shard-progress', runId: 'x/y', shards: [{ ...shards[0], status: 'lost' }] });
  assert.ok(!bad.ok);
  assert.match(bad.problem, /shard-progress\.shards\[0\]\.status/);
});

test('node for the jobs: a node on the PATH, else the host executable only when it is a node', () => {
  const dir = temporaryDir('lth-node-');
  assert.equal(findNodeExecutable(`${dir}:${join(process.execPath, '..')}`, '/x/code'), join(process.execPath, '..', 'node'));
  assert.equal(findNodeExecutable(dir, '/opt/node/bin/node'), '/opt/node/bin/node');
  assert.throws(() => findNodeExecutable(dir, '/usr/share/code/code'), /no node executable on the PATH/);
});
