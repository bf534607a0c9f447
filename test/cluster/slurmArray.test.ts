// The Slurm path against a real Slurm (see localSlurm.ts): `lth slurm --submit` runs a sweep as a
// 4-task job array plus a merge job, and the merged records equal a single-machine run's, bit for
// bit but for the timing; a shard cancelled mid-run with scancel and re-submitted computes only
// the trials it lacked. The jobs run the built CLI (dist/cli.js) with this node, as on a cluster.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readClusterRun, shardRoot, mergedRunFolder } from '../../src/core/cluster/clusterRun';
import { ARRAY_SCRIPT } from '../../src/core/cluster/slurmScripts';
import { readManifest } from '../../src/core/runs/manifestFile';
import { findRunFolders } from '../../src/core/runs/shardFolders';
import { ClusterWatch } from '../../src/extension/cluster/clusterWatch';
import type { RunEvent } from '../../src/shared/protocol';
import { startLocalSlurm, waitFor, whyNoLocalSlurm, type LocalSlurm } from './localSlurm';

const DIST_CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/** Small and quick: 36 trials of a few milliseconds. */
const SMALL_PRESET = {
  kind: 'teacher-student',
  name: 'cluster-small',
  seed: 7,
  teacher: { inputDim: 20, hiddenUnits: 2, nonzerosPerNeuron: [2, 4, 6] },
  samples: [20, 40, 80],
  trials: 4,
  training: { maxIterations: 300 },
  evaluation: { testSamples: 500 },
};

/** Slow enough per trial (tolerance 0: every trial runs all its iterations) to be cancelled mid-shard. */
const SLOW_PRESET = {
  kind: 'teacher-student',
  name: 'cluster-slow',
  seed: 3,
  teacher: { inputDim: 100, hiddenUnits: 5, nonzerosPerNeuron: [10, 20] },
  samples: [1000, 2000],
  trials: 8,
  training: { maxIterations: 10000, tolerance: 0 },
  evaluation: { testSamples: 2000 },
};

function lth(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [DIST_CLI, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The records of a run folder by (cell, trial), each without its timing (`seconds`), as JSON text. */
function recordsWithoutTiming(runDir: string): Map<string, string> {
  const lines = readFileSync(join(runDir, 'trials.jsonl'), 'utf8').trim().split('\n');
  return new Map(
    lines.map((line) => {
      const { seconds: _seconds, ...record } = JSON.parse(line) as Record<string, unknown>;
      return [`${record.cell}#${record.trial}`, JSON.stringify(record)];
    }),
  );
}

function trialLines(runDir: string): string[] {
  const path = join(runDir, 'trials.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((line) => line !== '') : [];
}

function writePreset(dir: string, preset: object): string {
  const path = join(dir, `${(preset as { name: string }).name}.lth.json`);
  writeFileSync(path, JSON.stringify(preset, null, 2));
  return path;
}

/** Submits with `lth slurm --submit`; the job ids it printed. */
function submit(cluster: LocalSlurm, args: readonly string[]): { array: string; merge: string } {
  const result = lth(['slurm', ...args, '--submit'], cluster.env);
  assert.equal(result.code, 0, `lth slurm --submit failed: ${result.stderr}`);
  const match = /Submitted array job (\d+) \(\d+ shards\) and merge job (\d+)/.exec(result.stdout);
  assert.ok(match, `no job ids in: ${result.stdout}`);
  return { array: match[1], merge: match[2] };
}

test('Slurm job arrays on a real local Slurm', { timeout: 170_000 }, async (t) => {
  const why = whyNoLocalSlurm();
  if (why !== undefined) {
    console.log(`cluster tier skipped: ${why}`);
    t.skip(why);
    return;
  }
  assert.ok(existsSync(DIST_CLI), `${DIST_CLI} is missing: run npm run build first`);
  const started = Date.now();
  const cluster = await startLocalSlurm();
  console.log(`local Slurm up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const work = mkdtempSync(join(tmpdir(), 'lth-cluster-'));
  t.after(async () => {
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  });

  await t.test('a 4-shard array and its merge job give the single-machine run bit for bit (timing aside)', async () => {
    const file = writePreset(work, SMALL_PRESET);
    const single = lth(['run', file, '--out', join(work, 'single'), '--workers', '2']);
    assert.equal(single.code, 0, single.stderr);
    const [singleRun] = findRunFolders(join(work, 'single'));

    const clusterDir = join(work, 'small-cluster');
    const jobs = submit(cluster, [file, '--shards', '4', '--max-parallel', '4', '--time', '5', '--partition', 'debug', '--out', clusterDir]);
    const described = readClusterRun(clusterDir);
    assert.ok(described);
    assert.deepEqual(described.jobIds, jobs, 'cluster.json records the job ids');
    // The editor's live view, merging into the same folder as the merge job while the shards land.
    const events: RunEvent[] = [];
    const watch = new ClusterWatch({ clusterDir, run: described, intervalMs: 100, onEvent: (event) => events.push(event) });
    const states = await cluster.waitForJobs([jobs.array, jobs.merge], 90_000);
    const watched = await watch.exited;
    assert.equal(watched.finished?.status, 'completed');
    assert.equal(events.filter((event) => event.type === 'trial-completed').length + (events.find((event) => event.type === 'run-started')?.completedTrials ?? 0), 36, 'the watch reported every trial once');
    const lastShards = events.filter((event) => event.type === 'shard-progress').at(-1);
    assert.ok(lastShards?.type === 'shard-progress' && lastShards.shards.every((shard) => shard.status === 'completed'));
    assert.deepEqual([...new Set(states.values())], ['COMPLETED'], `every task and the merge completed: ${JSON.stringify([...states])}`);
    assert.equal([...states.keys()].filter((id) => id.startsWith(`${jobs.array}_`)).length, 4, 'four array tasks ran');

    for (let index = 1; index <= 4; index++) {
      const [shardRun] = findRunFolders(shardRoot(clusterDir, index));
      assert.deepEqual(readManifest(shardRun).shard, { index, count: 4 }, `task ${index - 1} ran shard ${index}/4`);
    }
    const merged = mergedRunFolder(clusterDir);
    assert.equal(readManifest(merged).status, 'completed');
    assert.match(readFileSync(join(clusterDir, 'logs', 'merge.log'), 'utf8'), /Complete: all 36 trials/);
    const expected = recordsWithoutTiming(singleRun);
    const actual = recordsWithoutTiming(merged);
    assert.equal(trialLines(merged).length, 36, 'each trial once in the merged folder');
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
    for (const [key, record] of expected) assert.equal(actual.get(key), record, `trial ${key} differs from the single-machine run`);
  });

  await t.test('a shard cancelled mid-run (scancel) and re-submitted completes only what was missing', async () => {
    const file = writePreset(work, SLOW_PRESET);
    // A space in the folder: the #SBATCH --output lines and the commands must still hold.
    const clusterDir = join(work, 'slow cluster');
    const first = submit(cluster, [file, '--shards', '2', '--out', clusterDir]);
    const shardOneRoot = shardRoot(clusterDir, 1);
    // Cancel the array once shard 1 has a few trials on disk (and is far from done).
    await waitFor(() => findRunFolders(shardOneRoot).some((runDir) => trialLines(runDir).length >= 2), 60_000, () => `shard 1 wrote no trials: ${JSON.stringify([...cluster.jobStates(first.array)])}`);
    cluster.command('scancel', [first.array]);
    await cluster.waitForJobs([first.array, first.merge], 30_000);
    const [shardOneRun] = findRunFolders(shardOneRoot);
    const cancelled = readManifest(shardOneRun);
    assert.equal(cancelled.status, 'cancelled', 'lth took the SIGTERM and marked its shard cancelled');
    const linesBefore = trialLines(shardOneRun);
    assert.ok(linesBefore.length < cancelled.totalTrials, `cancelled mid-run: ${linesBefore.length} of ${cancelled.totalTrials} trials`);
    const shardTwoBefore = findRunFolders(shardRoot(clusterDir, 2)).map((runDir) => ({ runDir, status: readManifest(runDir).status, lines: trialLines(runDir) }));

    // As if shard 1's node had died under it: a lock naming that node and its task's job stays in
    // its folder. Re-submitting the same array takes it over, because Slurm says that job ended.
    writeFileSync(join(shardOneRun, 'run.lock'), `${JSON.stringify({ pid: 4242, host: 'dead-node', since: new Date().toISOString(), slurmJob: `${first.array}_0` })}\n`);
    const again = cluster.command('sbatch', ['--parsable', join(clusterDir, ARRAY_SCRIPT)]).trim().split(';')[0];
    await cluster.waitForJobs([again], 90_000);
    const rerun = lth(['merge', join(clusterDir, 'shards', 'shard-1'), join(clusterDir, 'shards', 'shard-2'), '--out', mergedRunFolder(clusterDir)]);
    assert.equal(rerun.code, 0, rerun.stderr);

    assert.deepEqual(findRunFolders(shardOneRoot), [shardOneRun], 'shard 1 resumed its folder instead of starting a new one');
    const resumed = readManifest(shardOneRun);
    assert.equal(resumed.status, 'completed');
    assert.equal(resumed.resumedAt?.length, 1);
    const linesAfter = trialLines(shardOneRun);
    // Whole lines, so a mismatch would print every record: compared as a flag with a short message.
    const keptAsTheyWere = linesBefore.every((line, index) => linesAfter[index] === line);
    assert.ok(keptAsTheyWere, 'the trials done before the cancel are kept byte for byte (their timing too: not recomputed)');
    const keys = linesAfter.map((line) => JSON.parse(line) as { cell: string; trial: number }).map((record) => `${record.cell}#${record.trial}`);
    assert.equal(new Set(keys).size, keys.length, 'no trial was computed twice');
    assert.equal(linesAfter.length, resumed.totalTrials);
    const taskLog = readFileSync(join(clusterDir, 'logs', 'task-0.log'), 'utf8');
    assert.match(taskLog, new RegExp(`${linesBefore.length} already done`));
    assert.match(taskLog, new RegExp(`took .* over from process 4242 on dead-node, since .*: its Slurm job ${first.array}_0 has ended \\((CANCELLED|no longer known to Slurm)\\)`));
    for (const { runDir, status, lines } of shardTwoBefore) {
      const after = trialLines(runDir);
      if (status === 'completed') assert.ok(after.length === lines.length && lines.every((line, index) => after[index] === line), 'a finished shard ran nothing again');
    }
    assert.equal(trialLines(mergedRunFolder(clusterDir)).length, 2 * 2 * 8);
  });
});
