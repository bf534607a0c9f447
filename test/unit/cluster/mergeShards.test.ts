// lth merge's edge cases on real shard folders (runExperiment with the fake trial worker): the
// union equals a whole run, mixed configs and damaged folders are refused with nothing written,
// a trial in two folders is taken once, what is missing is reported per shard, merging again
// adds nothing, and the target's lines are never rewritten or dropped.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExperiment } from '../../../src/core/execution/runExperiment';
import { MergeError, mergeShards } from '../../../src/core/runs/mergeShards';
import { readManifest } from '../../../src/core/runs/manifestFile';
import { findRunFolders } from '../../../src/core/runs/shardFolders';
import { readTrialLog } from '../../../src/core/runs/trialLog';
import { trialKey } from '../../../src/shared/trialRecord';
import { main } from '../../../src/cli/main';
import { bufferIo } from '../cli/bufferIo';
import { temporaryDir, writeTinyExperiment } from '../execution/fixtures/tinyExperiment';

const fakeWorker = join(__dirname, '..', 'execution', 'fixtures', 'fakeTrialWorker.ts');

/** Runs `configPath` (or shard i/n of it) into a fresh root; the run folder. */
async function run(configPath: string, root: string, shard?: { index: number; count: number }): Promise<string> {
  const outcome = await runExperiment({ configPath, outDir: root, workers: 1, workerScript: fakeWorker, durable: false, ...(shard ? { shard } : {}) }, () => {});
  assert.equal(outcome.status, 'completed');
  return outcome.runDir;
}

/**
 * Made once (each run starts a worker thread): the 3 shards of the tiny sweep (12 trials), its
 * whole run, and runs of two other configs (another seed; fewer trials). Each test works on a copy.
 */
let template: string;

before(async () => {
  template = temporaryDir('lth-merge-template-');
  const configPath = writeTinyExperiment(template, { trials: 3 });
  for (let index = 1; index <= 3; index++) await run(configPath, join(template, 'shards', `shard-${index}`), { index, count: 3 });
  await run(configPath, join(template, 'whole'));
  for (const folder of ['other-seed-config', 'fewer-trials-config']) mkdirSync(join(template, folder));
  const otherSeed = writeTinyExperiment(join(template, 'other-seed-config'), { trials: 3, seed: 8 });
  await run(otherSeed, join(template, 'other-seed'), { index: 1, count: 3 });
  const fewerTrials = writeTinyExperiment(join(template, 'fewer-trials-config'), { trials: 1 });
  await run(fewerTrials, join(template, 'fewer-trials'));
  await run(fewerTrials, join(template, 'fewer-trials-shard'), { index: 1, count: 2 });
});

/** A fresh copy of the template: the shard run folders and their roots, and the other runs' folders. */
function shardedRun() {
  const dir = temporaryDir('lth-merge-');
  cpSync(template, dir, { recursive: true });
  const shardRoots = [1, 2, 3].map((index) => join(dir, 'shards', `shard-${index}`));
  const only = (root: string) => {
    const found = findRunFolders(root);
    assert.equal(found.length, 1);
    return found[0];
  };
  return { dir, shardRoots, shards: shardRoots.map(only), whole: only(join(dir, 'whole')), otherSeed: only(join(dir, 'other-seed')), fewerTrials: only(join(dir, 'fewer-trials')), fewerTrialsShard: only(join(dir, 'fewer-trials-shard')) };
}

function recordMap(runDir: string): Map<string, string> {
  return new Map(readTrialLog(runDir).records.map((record) => [trialKey(record), JSON.stringify(record)]));
}

test('merge: the shards of a sweep give the whole run, and the merged folder reads as a completed whole-sweep run', async () => {
  const { dir, shardRoots, whole } = shardedRun();
  const target = join(dir, 'merged');
  const report = mergeShards(shardRoots, target);
  assert.equal(report.status, 'completed');
  assert.equal(report.recordsAdded, 12);
  assert.equal(report.missingTrials, 0);
  assert.deepEqual(recordMap(target), recordMap(whole));
  const manifest = readManifest(target);
  assert.equal(manifest.shard, undefined);
  assert.equal(manifest.totalTrials, 12);
  assert.equal(manifest.status, 'completed');
  assert.equal(manifest.configHash, readManifest(whole).configHash);
  assert.ok(!existsSync(join(target, 'run.lock')), 'the lock is released');
});

test('merge: again adds nothing and leaves the folder as it was; a new shard folder adds only its records', async () => {
  const { dir, shardRoots } = shardedRun();
  const target = join(dir, 'merged');
  mergeShards(shardRoots.slice(0, 2), target);
  const trialsBefore = readFileSync(join(target, 'trials.jsonl'), 'utf8');
  const manifestBefore = readFileSync(join(target, 'manifest.json'), 'utf8');
  const partial = mergeShards(shardRoots.slice(0, 2), target);
  assert.equal(partial.recordsAdded, 0);
  assert.equal(readFileSync(join(target, 'trials.jsonl'), 'utf8'), trialsBefore);
  assert.equal(readFileSync(join(target, 'manifest.json'), 'utf8'), manifestBefore, 'nothing rewritten');
  const complete = mergeShards(shardRoots, target);
  assert.equal(complete.recordsBefore, partial.recordsBefore);
  assert.ok(complete.recordsAdded > 0);
  assert.equal(complete.recordsBefore + complete.recordsAdded, 12);
  assert.ok(readFileSync(join(target, 'trials.jsonl'), 'utf8').startsWith(trialsBefore), 'the earlier lines stay byte for byte, the new ones follow');
  assert.equal(readManifest(target).status, 'completed');
});

test('merge: a trial in two folders (a shard run twice, a copied folder) is taken once', async () => {
  const { dir, shards, shardRoots } = shardedRun();
  const copy = join(dir, 'copy-of-shard-1');
  mkdirSync(copy);
  for (const name of readdirSync(shards[0])) writeFileSync(join(copy, name), readFileSync(join(shards[0], name)));
  const report = mergeShards([...shardRoots, copy], join(dir, 'merged'));
  assert.equal(report.duplicates, readTrialLog(shards[0]).records.length);
  assert.equal(report.recordsAdded, 12);
  const keys = readTrialLog(join(dir, 'merged')).records.map(trialKey);
  assert.equal(new Set(keys).size, keys.length);
});

test('merge: missing trials are reported per shard with how the shard ended, and the folder says cancelled', async () => {
  const { dir, shards, shardRoots } = shardedRun();
  const shardSizes = shards.map((runDir) => readManifest(runDir).totalTrials);
  // Shard 2 broke off after its first trial; shard 3 never started.
  const lines = readFileSync(join(shards[1], 'trials.jsonl'), 'utf8').split('\n');
  writeFileSync(join(shards[1], 'trials.jsonl'), `${lines[0]}\n`);
  writeFileSync(join(shards[1], 'manifest.json'), JSON.stringify({ ...readManifest(shards[1]), status: 'cancelled' }));
  rmSync(shardRoots[2], { recursive: true });
  const report = mergeShards(shardRoots, join(dir, 'merged'));
  assert.equal(report.status, 'cancelled');
  assert.deepEqual(report.emptyInputs, [shardRoots[2]]);
  assert.equal(report.missingTrials, shardSizes[1] - 1 + shardSizes[2]);
  assert.deepEqual(
    report.gaps.map((gap) => [gap.shard.index, gap.missingTrials, gap.status]),
    [
      [2, shardSizes[1] - 1, 'cancelled'],
      [3, shardSizes[2], 'not started'],
    ].filter(([, missing]) => missing !== 0),
  );
  assert.equal(readManifest(join(dir, 'merged')).status, 'cancelled');

  const io = bufferIo();
  const code = await main(['merge', ...shardRoots, '--out', join(dir, 'merged-cli')], io);
  assert.equal(code, 1, 'an incomplete merge exits 1');
  assert.match(io.err(), new RegExp(`Missing ${report.missingTrials} of 12 trials`));
  assert.match(io.err(), /shard 3\/3: \d+ trials missing \(no run folder: not started\)/);
  assert.match(io.err(), /holds no run folder/);
});

test('merge: cells without any trial are named', async () => {
  const { dir, fewerTrialsShard } = shardedRun();
  const report = mergeShards([fewerTrialsShard], join(dir, 'merged'));
  assert.equal(report.emptyCellCount, report.missingTrials, 'one trial per cell: each missing trial is an empty cell');
  assert.ok(report.emptyCells.every((cell) => cell.startsWith('samples=')));
});

test('merge: folders of different configs are refused, naming each config, and nothing is written', async () => {
  const { dir, shardRoots, otherSeed: other } = shardedRun();
  const target = join(dir, 'merged');
  assert.throws(() => mergeShards([...shardRoots, other], target), (error: Error) => {
    assert.ok(error instanceof MergeError);
    assert.match(error.message, /different configs \(2 configs\)/);
    assert.ok(error.message.includes(other));
    return true;
  });
  assert.ok(!existsSync(target), 'no target folder was made');
  const io = bufferIo();
  assert.equal(await main(['merge', ...shardRoots, other, '--out', target], io), 1);
  assert.match(io.err(), /^lth merge: cannot merge folders run from different configs/);
  assert.doesNotMatch(io.err(), /\n\s+at /, 'no stack trace');
});

test('merge: a damaged shard folder is refused with its name; bad lines in a shard are skipped by name', async () => {
  const { dir, shards, shardRoots } = shardedRun();
  appendFileSync(join(shards[0], 'trials.jsonl'), 'not json\n{"torn": ');
  const skipped = mergeShards(shardRoots, join(dir, 'merged'));
  assert.equal(skipped.recordsAdded, 12);
  assert.equal(skipped.warnings.length, 1);
  assert.match(skipped.warnings[0], /trials\.jsonl:\d+: not valid JSON/);

  writeFileSync(join(shards[1], 'manifest.json'), '{ "experiment": ');
  assert.throws(() => mergeShards(shardRoots, join(dir, 'merged-2')), /cannot read .*shard-2.*: .*manifest\.json: not valid JSON.*nothing was merged/s);
  assert.ok(!existsSync(join(dir, 'merged-2')));
});

test('merge: a target of another config, a shard folder or a folder of other files is refused', async () => {
  const { dir, shards, shardRoots, fewerTrials: otherWhole } = shardedRun();
  assert.throws(() => mergeShards(shardRoots, otherWhole), /holds another config's trials/);
  assert.throws(() => mergeShards(shardRoots.slice(1), shards[0]), /it is the folder of shard 1\/3/);
  const cluttered = join(dir, 'cluttered');
  mkdirSync(cluttered);
  writeFileSync(join(cluttered, 'trials.jsonl'), 'x\n');
  assert.throws(() => mergeShards(shardRoots, cluttered), /not a run folder and not empty/);
  assert.equal(readFileSync(join(cluttered, 'trials.jsonl'), 'utf8'), 'x\n', 'left as it was');
});

test('merge: lines the target holds that are not records stay where they are', async () => {
  const { dir, shardRoots } = shardedRun();
  const target = join(dir, 'merged');
  mergeShards(shardRoots.slice(0, 1), target);
  appendFileSync(join(target, 'trials.jsonl'), 'a hand-written note\n');
  mergeShards(shardRoots, target);
  const text = readFileSync(join(target, 'trials.jsonl'), 'utf8');
  assert.ok(text.includes('a hand-written note\n'));
  assert.equal(readTrialLog(target).records.length, 12);
});

test('merge: a union that would take too much memory is refused before anything is read or written', async () => {
  const { dir, shardRoots } = shardedRun();
  const target = join(dir, 'merged');
  assert.throws(() => mergeShards(shardRoots, target, 1024), /would hold about \d+ MiB of records .* more than half of this machine's 1 MiB; merge fewer folders at a time/);
  assert.ok(!existsSync(target));
  assert.equal(mergeShards(shardRoots, target).status, 'completed', 'with the machine\'s memory it fits');
});

test('merge: usage errors exit 2 with the usage, no stack trace', async () => {
  for (const [argv, message] of [
    [['merge', '--out', 'x'], /expected at least one SHARD_DIR/],
    [['merge', 'a'], /--out RUN_DIR is required/],
    [['merge', 'a', '--out', 'b', '--bogus'], /Unknown option '--bogus'/],
  ] as const) {
    const io = bufferIo();
    assert.equal(await main([...argv], io), 2);
    assert.match(io.err(), message);
    assert.match(io.err(), /Usage: lth merge/);
  }
  const io = bufferIo();
  assert.equal(await main(['merge', join(temporaryDir(), 'none'), '--out', join(temporaryDir(), 'm')], io), 1);
  assert.match(io.err(), /^lth merge: no run folder in /);
});
