// What a lottery-ticket user expects to see on MNIST (Frankle & Carbin, ICLR 2019), checked on
// the real engine at sizes CI can afford (about three minutes on two cores). The full-size
// recipe (LeNet-300-100, 50,000 iterations per network, 20% per round) gives ~98% for the dense
// network, tickets at or above it down to ~3.6% of the weights with earlier early stopping, and
// random re-initialization below the dense network from ~50% on. Here networks train 1000-3000
// iterations, so the errors are higher and early stopping is not yet reached: "learns no slower"
// is read from the validation curve (its mean over the training), not from the stopping point.
// Every run is seeded, so these numbers are the same on every machine.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runExperiment } from '../../../../src/core/execution/runExperiment';
import { readRunFolder } from '../../../../src/core/runs/runReader';
import type { TrialRecord } from '../../../../src/shared/trialRecord';
import { temporaryDir } from '../../execution/fixtures/tinyExperiment';

async function run(experiment: object, workers: number): Promise<TrialRecord[]> {
  const configPath = join(temporaryDir(), 'claims.lth.json');
  writeFileSync(configPath, JSON.stringify({ kind: 'lottery-ticket', seed: 1, ...experiment }));
  const outcome = await runExperiment({ configPath, outDir: join(temporaryDir(), 'runs'), workers, durable: false }, () => {});
  assert.equal(outcome.status, 'completed', outcome.message);
  return readRunFolder(outcome.runDir).records;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const select = (records: TrialRecord[], fields: Record<string, unknown>) => records.filter((record) => Object.entries(fields).every(([field, value]) => record[field] === value));
const meanOf = (records: TrialRecord[], field: string) => mean(records.map((record) => record[field] as number));
/** How fast a network learns: its mean validation error over the evaluations after the start. */
const curveMean = (record: TrialRecord) => mean((record.curve as { validationError: number[] }).validationError.slice(1));

// LeNet-300-100, SGD 0.1, batch 128 (open_lth's recipe), all 55,000 images.
const LENET = { data: { trainSize: 55000, validationSize: 5000 }, model: { hiddenLayers: [300, 100] }, training: { learningRate: 0.1, batchSize: 128, evaluateEvery: 100 } };

test('the dense LeNet-300-100 reaches at least 97.5% test accuracy on MNIST (Frankle & Carbin: ~98%)', async () => {
  const [dense] = await run({ ...LENET, training: { ...LENET.training, iterations: 3000 }, pruning: { rounds: 0 }, trials: 1 }, 1);
  assert.ok((dense.testError as number) <= 0.025, `test accuracy ${(100 * (1 - (dense.testError as number))).toFixed(2)}%`);
});

test('tickets at 21% and 13.5% of the weights are as accurate as the dense network (within 0.3 points) and learn no slower', async () => {
  // 20% per round, output layer 10%: round 7 keeps 21.1% of the weights, round 9 13.5%.
  const records = await run({ ...LENET, training: { ...LENET.training, iterations: 1000 }, pruning: { rounds: 9, fraction: 0.2, outputFraction: 0.1 }, trials: 2 }, 2);
  const dense = select(records, { round: 0 });
  for (const [round, density] of [[7, 0.211], [9, 0.135]]) {
    const tickets = select(records, { round, variant: 'ticket' });
    assert.equal(Math.round(meanOf(tickets, 'density') * 1000) / 1000, density);
    const gap = meanOf(tickets, 'testError') - meanOf(dense, 'testError');
    assert.ok(gap <= 0.003, `round ${round}: the ticket's test error is ${(100 * gap).toFixed(2)} points above the dense network's`);
    assert.ok(mean(tickets.map(curveMean)) <= mean(dense.map(curveMean)), `round ${round}: the ticket's validation curve lies above the dense network's`);
  }
});

test('random re-initialization at 6% of the weights is clearly worse than the ticket, and test error falls with N at every density', async () => {
  // 50% per round, output layer 25%: round 4 keeps 6.3% of the weights.
  const records = await run(
    { ...LENET, data: { trainSize: [5000, 55000], validationSize: 5000 }, training: { ...LENET.training, iterations: 1000 }, pruning: { rounds: 4, fraction: 0.5, outputFraction: 0.25, controls: ['random-reinit'] }, trials: 1 },
    2,
  );
  for (const trainSize of [5000, 55000]) {
    const ticket = select(records, { trainSize, round: 4, variant: 'ticket' });
    const reinit = select(records, { trainSize, round: 4, variant: 'random-reinit' });
    assert.ok(meanOf(reinit, 'testError') - meanOf(ticket, 'testError') >= 0.01, `N = ${trainSize}: re-initialized ${meanOf(reinit, 'testError')} vs ticket ${meanOf(ticket, 'testError')}`);
  }
  for (let round = 0; round <= 4; round++) {
    const small = meanOf(select(records, { trainSize: 5000, round, variant: 'ticket' }), 'testError');
    const large = meanOf(select(records, { trainSize: 55000, round, variant: 'ticket' }), 'testError');
    assert.ok(large < small, `round ${round}: N = 55000 gives ${large}, N = 5000 ${small}`);
  }
});
