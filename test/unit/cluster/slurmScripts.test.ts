// lth slurm's scripts: the #SBATCH lines asked for, and command lines that bash runs as meant
// whatever the paths hold (each script is run by bash with a stand-in lth that prints its argv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slurmCommand } from '../../../src/cli/commands/slurm';
import { main } from '../../../src/cli/main';
import { readClusterRun, shardRoot } from '../../../src/core/cluster/clusterRun';
import { ARRAY_SCRIPT, MERGE_SCRIPT, SUBMIT_SCRIPT, slurmScripts } from '../../../src/core/cluster/slurmScripts';
import { submitSlurmJobs, SubmitError } from '../../../src/core/cluster/slurmSubmit';
import { slurmJobName } from '../../../src/core/cluster/jobNames';
import { bufferIo } from '../cli/bufferIo';
import { temporaryDir, writeTinyExperiment } from '../execution/fixtures/tinyExperiment';

/** A folder whose name needs quoting in a shell, with the tiny experiment and a stand-in lth in it. */
function awkwardFolder() {
  const dir = join(temporaryDir('lth-slurm-'), "it's a $HOME folder");
  mkdirSync(dir);
  const configPath = writeTinyExperiment(dir);
  const printArgv = join(dir, 'print argv.js');
  writeFileSync(printArgv, 'process.stdout.write(JSON.stringify(process.argv.slice(2)));\n');
  return { dir, configPath, lthCommand: [process.execPath, printArgv] };
}

function bash(script: string, env: Record<string, string> = {}): unknown {
  const result = spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('slurm: the array runs shard task+1 of N into its own folder, with the resources asked for', async () => {
  const { dir, configPath, lthCommand } = awkwardFolder();
  const clusterDir = join(dir, 'cluster run');
  const io = bufferIo();
  const code = await slurmCommand([configPath, '--shards', '4', '--max-parallel', '2', '--partition', 'short,long', '--time', '1-02:00:00', '--cpus-per-task', '3', '--out', clusterDir], io, lthCommand);
  assert.equal(code, 0, io.err());
  assert.match(io.out(), /Submit both with: bash .*submit\.sh/);
  const array = readFileSync(join(clusterDir, ARRAY_SCRIPT), 'utf8');
  for (const directive of ['--array=0-3%2', '--cpus-per-task=3', '--partition=short,long', '--time=1-02:00:00', '--job-name=lth-tiny', '--open-mode=append']) {
    assert.ok(array.includes(`#SBATCH ${directive}\n`), `${directive} in:\n${array}`);
  }
  assert.ok(array.startsWith('#!/bin/bash\n'));
  assert.ok(array.includes(`#SBATCH --output="${join(clusterDir, 'logs', 'task-%a.log')}"\n`), 'a log path with spaces is one quoted #SBATCH value');
  // Task 2 of the array is shard 3/4; it writes into shard-3's folder and runs SLURM_CPUS_PER_TASK workers.
  assert.deepEqual(bash(join(clusterDir, ARRAY_SCRIPT), { SLURM_ARRAY_TASK_ID: '2', SLURM_CPUS_PER_TASK: '3' }), [
    'run',
    configPath,
    '--shard',
    '3/4',
    '--out',
    shardRoot(clusterDir, 3),
    '--workers',
    '3',
  ]);
  for (const index of [1, 2]) mkdirSync(shardRoot(clusterDir, index), { recursive: true });
  assert.deepEqual(bash(join(clusterDir, MERGE_SCRIPT)), ['merge', shardRoot(clusterDir, 1), shardRoot(clusterDir, 2), '--out', join(clusterDir, 'merged')]);
  const merge = readFileSync(join(clusterDir, MERGE_SCRIPT), 'utf8');
  assert.ok(merge.includes('#SBATCH --partition=short,long\n') && merge.includes('#SBATCH --job-name=lth-tiny-merge\n'));
  assert.match(readFileSync(join(clusterDir, SUBMIT_SCRIPT), 'utf8'), /--dependency=afterany:"\$array"/);
  const described = readClusterRun(clusterDir);
  assert.equal(described?.engine, 'slurm');
  assert.equal(described?.shards, 4);
  assert.equal(described?.configPath, configPath);
  assert.equal(spawnSync('bash', ['-n', join(clusterDir, SUBMIT_SCRIPT)]).status, 0, 'submit.sh parses');
});

test('slurm: --force-unlock lets a re-submitted task take over a shard folder locked by a dead node', async () => {
  const { dir, configPath, lthCommand } = awkwardFolder();
  const clusterDir = join(dir, 'c');
  assert.equal(await slurmCommand([configPath, '--shards', '2', '--force-unlock', '--out', clusterDir], bufferIo(), lthCommand), 0);
  const argv = bash(join(clusterDir, ARRAY_SCRIPT), { SLURM_ARRAY_TASK_ID: '0' }) as string[];
  assert.deepEqual(argv.slice(0, 5), ['run', configPath, '--force-unlock', '--shard', '1/2']);
});

test('slurm: without --max-parallel every task may run at once; --merge-after ok makes the merge wait for success', () => {
  const scripts = slurmScripts({ clusterDir: '/c', configPath: '/e.lth.json', workingDir: '/w', experiment: 'e', shards: 1, lthCommand: ['/n', '/cli.js'], cpusPerTask: 1, mergeAfter: 'afterok' });
  assert.ok(scripts.array.includes('#SBATCH --array=0-0\n'));
  assert.ok(!scripts.array.includes('--partition') && !scripts.array.includes('--time'));
  assert.match(scripts.submit, /--dependency=afterok:/);
});

test('slurm: both jobs run in the working folder, so their runs name the experiment file relative to it as a local run does', () => {
  const scripts = slurmScripts({ clusterDir: '/c', configPath: '/w/x/e.lth.json', workingDir: '/w', experiment: 'e', shards: 2, lthCommand: ['/n', '/cli.js'], cpusPerTask: 1, mergeAfter: 'afterany' });
  for (const script of [scripts.array, scripts.merge]) assert.ok(script.includes('#SBATCH --chdir=/w\n'), script);
  assert.throws(() => slurmScripts({ clusterDir: '/c', configPath: '/e.lth.json', workingDir: '/w"', experiment: 'e', shards: 1, lthCommand: ['/n'], cpusPerTask: 1, mergeAfter: 'afterany' }), /working folder .* double quote/);
});

test('slurm: a cluster folder an #SBATCH line cannot carry is refused', () => {
  assert.throws(() => slurmScripts({ clusterDir: '/c/"quoted"', configPath: '/e.lth.json', workingDir: '/w', experiment: 'e', shards: 1, lthCommand: ['/n'], cpusPerTask: 1, mergeAfter: 'afterany' }), /holds a double quote or a line break/);
});

test('slurm: job names keep only what #SBATCH lines take', () => {
  assert.equal(slurmJobName('phase transition (v2)'), 'lth-phase-transition-v2');
  assert.equal(slurmJobName('ünï'), 'lth-n');
  assert.equal(slurmJobName('ü é'), 'lth-experiment');
  assert.ok(slurmJobName('x'.repeat(100)).length <= 64);
});

test('slurm: a re-generated folder keeps its config; another config there is refused', async () => {
  const { dir, configPath, lthCommand } = awkwardFolder();
  const clusterDir = join(dir, 'c');
  assert.equal(await slurmCommand([configPath, '--shards', '2', '--out', clusterDir], bufferIo(), lthCommand), 0);
  assert.equal(await slurmCommand([configPath, '--shards', '2', '--out', clusterDir], bufferIo(), lthCommand), 0, 'the same config again: fine');
  writeTinyExperiment(dir, { seed: 99 });
  const io = bufferIo();
  assert.equal(await slurmCommand([configPath, '--shards', '2', '--out', clusterDir], io, lthCommand), 1);
  assert.match(io.err(), /holds a cluster run of another config of tiny .*give --out another folder/);
});

test('slurm: usage errors are located, exit 2, and show no stack trace', async () => {
  const { configPath } = awkwardFolder();
  for (const [argv, message] of [
    [[configPath], /--shards N is required/],
    [[configPath, '--shards', '0'], /--shards "0": expected a positive integer/],
    [[configPath, '--shards', 'four'], /--shards "four": expected a positive integer/],
    [[configPath, '--shards', '2', '--time', '2 hours'], /--time "2 hours": expected a Slurm time limit/],
    [[configPath, '--shards', '2', '--partition', 'a b'], /--partition "a b": expected a partition name/],
    [[configPath, '--shards', '2', '--merge-after', 'maybe'], /--merge-after "maybe": expected "ok"/],
    [[configPath, '--shards', '2', '--max-parallel', '-1'], /--max-parallel/],
    [[configPath, configPath, '--shards', '2'], /expected exactly one experiment FILE, got 2/],
  ] as const) {
    const io = bufferIo();
    assert.equal(await main(['slurm', ...argv], io), 2, `${argv.join(' ')}: ${io.err()}`);
    assert.match(io.err(), message);
    assert.match(io.err(), /Usage: lth slurm/);
    assert.doesNotMatch(io.err(), /\n\s+at /);
  }
});

test('slurm: an invalid experiment file is reported FILE:LINE:COL and nothing is written', async () => {
  const dir = temporaryDir('lth-slurm-');
  const configPath = writeTinyExperiment(dir, { trials: 0 });
  const io = bufferIo();
  assert.equal(await slurmCommand([configPath, '--shards', '2', '--out', join(dir, 'c')], io, ['/n', '/cli.js']), 1);
  assert.match(io.err(), /^lth slurm: .*tiny\.lth\.json is not a valid experiment file:\n.*tiny\.lth\.json:\d+:\d+: trials: /);
  assert.throws(() => readFileSync(join(dir, 'c', ARRAY_SCRIPT)), /ENOENT/);
});

test('slurm: --submit where sbatch is missing says so and where the scripts are', () => {
  const clusterDir = temporaryDir('lth-slurm-');
  assert.throws(
    () => submitSlurmJobs(clusterDir, 'afterany', join(clusterDir, 'no-sbatch-here')),
    (error: Error) => error instanceof SubmitError && /was not found on the PATH/.test(error.message) && error.message.includes(join(clusterDir, SUBMIT_SCRIPT)),
  );
});
