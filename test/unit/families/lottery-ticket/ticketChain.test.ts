// Pruning chains on real MNIST through the real trial worker, kept tiny: what a chain records,
// that pruned weights stay pruned, and that a chain cut off mid-way resumes to the very records
// an uninterrupted chain gives.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runExperiment, RunSetupError } from '../../../../src/core/execution/runExperiment';
import { keptAfter } from '../../../../src/core/families/lottery-ticket/training/pruning';
import { unpackMasks } from '../../../../src/core/families/lottery-ticket/training/maskBits';
import { readArtifacts } from '../../../../src/core/runs/trialArtifacts';
import { readRunFolder } from '../../../../src/core/runs/runReader';
import type { TrialRecord } from '../../../../src/shared/trialRecord';
import { temporaryDir } from '../../execution/fixtures/tinyExperiment';
import { writeTinyDataset } from './data/idxFixtures';

const CHAIN = {
  kind: 'lottery-ticket',
  name: 'chain',
  seed: 4,
  data: { trainSize: [600], validationSize: 500 },
  model: { hiddenLayers: [24] },
  training: { iterations: 60, evaluateEvery: 20, batchSize: 50, momentum: 0.9 },
  pruning: { rounds: 3, fraction: 0.5, controls: ['random-reinit', 'random-prune'], rewindIteration: 10 },
  trials: 2,
};
const PARTS = 1 + 3 * 3;

function writeChain(): string {
  const path = join(temporaryDir(), 'chain.lth.json');
  writeFileSync(path, JSON.stringify(CHAIN));
  return path;
}

const comparable = (records: TrialRecord[]) =>
  records.map(({ seconds: _seconds, ...rest }) => rest).sort((left, right) => left.cell.localeCompare(right.cell) || left.trial - right.trial || Number(left.part) - Number(right.part));

const configPath = writeChain();
const whole = runExperiment({ configPath, outDir: join(temporaryDir(), 'runs'), workers: 2 }, () => {});

test('a chain records round 0 and each round\'s ticket and controls, with the densities IMP reaches and its masks beside them', async () => {
  const outcome = await whole;
  assert.equal(outcome.status, 'completed', outcome.message);
  const { records } = readRunFolder(outcome.runDir);
  assert.equal(records.length, 2 * PARTS);
  const first = records.filter((record) => record.trial === 0).sort((left, right) => Number(left.part) - Number(right.part));
  assert.deepEqual(first.map((record) => [record.round, record.variant]), [
    [0, 'ticket'], [1, 'ticket'], [1, 'random-reinit'], [1, 'random-prune'], [2, 'ticket'], [2, 'random-reinit'], [2, 'random-prune'], [3, 'ticket'], [3, 'random-reinit'], [3, 'random-prune'],
  ]);
  for (const record of first) {
    const round = record.round as number;
    assert.deepEqual(record.layerDensity, [keptAfter(784 * 24, 0.5, round) / (784 * 24), keptAfter(240, 0.1, round) / 240], `round ${round} ${record.variant}`);
    for (const field of ['testError', 'finalTestError', 'trainError', 'validationError']) {
      assert.ok((record[field] as number) >= 0 && (record[field] as number) < 0.9, `${field} = ${record[field]}: the network learned something`);
    }
    assert.ok((record.earlyStopIteration as number) >= (round === 0 ? 0 : 10), 'a rewound network starts at its rewind iteration');
  }
  const masks = unpackMasks(readArtifacts(outcome.runDir, first[0].cell, 0, 4)['mask-3'], [784, 24, 10]);
  assert.equal(masks[0].reduce((sum, bit) => sum + bit, 0), keptAfter(784 * 24, 0.5, 3), 'the round-3 mask is saved beside round 2\'s ticket');
});

test('a chain cut off mid-way resumes after its last finished network and ends with the records of an uninterrupted chain', async () => {
  const outDir = join(temporaryDir(), 'runs');
  const abort = new AbortController();
  const cut = await runExperiment({ configPath, outDir, workers: 2 }, (event) => {
    if (event.type === 'trial-completed' && event.completedTrials === 7) abort.abort();
  }, abort.signal);
  assert.equal(cut.status, 'cancelled');
  const before = readRunFolder(cut.runDir).records;
  assert.ok(before.length >= 7 && before.length < 2 * PARTS);
  const resumed = await runExperiment({ configPath, outDir: cut.runDir, workers: 2 }, () => {});
  assert.equal(resumed.status, 'completed', resumed.message);
  const after = readRunFolder(cut.runDir).records;
  assert.deepEqual(after.slice(0, before.length), before, 'nothing on disk was rewritten');
  assert.deepEqual(comparable(after), comparable(readRunFolder((await whole).runDir).records), 'resuming changed no number');
});

test('an IDX folder with fewer training images than the file asks for is refused before anything runs, naming the sizes', async () => {
  const dir = temporaryDir();
  mkdirSync(join(dir, 'tiny-set'));
  writeTinyDataset(join(dir, 'tiny-set'), { trainCount: 30, testCount: 10, rows: 4, columns: 4 });
  const configPath = join(dir, 'tiny-set.lth.json');
  writeFileSync(configPath, JSON.stringify({ kind: 'lottery-ticket', data: { dataset: { idxFolder: 'tiny-set' }, trainSize: [10, 25], validationSize: 10 }, training: { batchSize: 5, iterations: 4, evaluateEvery: 2 }, pruning: { rounds: 0 }, trials: 1 }));
  await assert.rejects(
    runExperiment({ configPath, outDir: join(dir, 'runs'), workers: 1 }, () => {}),
    (error: Error) => error instanceof RunSetupError && /data\.trainSize 25 \+ data\.validationSize 10 = 35 images, but .*tiny-set has 30 training images; expected trainSize <= 20/.test(error.message),
  );
  assert.equal(existsSync(join(dir, 'runs')), false, 'no run folder was made');

  writeFileSync(configPath, JSON.stringify({ kind: 'lottery-ticket', data: { dataset: { idxFolder: 'tiny-set' }, trainSize: [10, 20], validationSize: 10 }, model: { hiddenLayers: [3] }, training: { batchSize: 5, iterations: 4, evaluateEvery: 2 }, pruning: { rounds: 1, fraction: 0.5 }, trials: 1 }));
  const outcome = await runExperiment({ configPath, outDir: join(dir, 'runs'), workers: 1 }, () => {});
  assert.equal(outcome.status, 'completed', outcome.message);
  assert.equal(readRunFolder(outcome.runDir).records.length, 2 * 2, 'any MNIST-format set trains (here 4 × 4 pixels)');
});
