// The lottery-ticket chart plan and chart data, from synthetic records of a chain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisValues } from '../../../../src/core/analysis/seriesAxes';
import { chartsCsv } from '../../../../src/core/analysis/seriesCsv';
import { lotteryTicketFamily as family } from '../../../../src/core/families/lottery-ticket/family';
import { inputUsage } from '../../../../src/core/families/lottery-ticket/training/pruning';
import type { TrialRecord } from '../../../../src/shared/trialRecord';

/** Two N, rounds 0-2 with a re-init control, two trials; errors fall with N and rise with pruning, the control worse. */
function records(): TrialRecord[] {
  const result: TrialRecord[] = [];
  for (const trainSize of [1000, 10000]) {
    for (const trial of [0, 1]) {
      let part = 0;
      for (const [round, variant] of [[0, 'ticket'], [1, 'ticket'], [1, 'random-reinit'], [2, 'ticket'], [2, 'random-reinit']] as const) {
        const density = 0.5 ** round;
        const testError = (trainSize === 1000 ? 0.1 : 0.03) * (1 + 0.1 * round) * (variant === 'ticket' ? 1 : 1.5) + trial * 0.001;
        result.push({
          cell: `trainSize=${trainSize},learningRate=0.1,fraction=0.5,rewindIteration=0`,
          trainSize, learningRate: 0.1, fraction: 0.5, rewindIteration: 0,
          trial, part: part++, seed: 7, round, variant, density, layerDensity: [density, density],
          testError, earlyStopIteration: 500 - 100 * round, finalTestError: testError,
          ...(variant === 'ticket' ? { inputUsage: Array.from({ length: 16 }, (_, pixel) => (pixel % 4) * (3 - round)) } : {}),
          curve: { iterations: [0, 100, 200], validationLoss: [2, 0.5, 0.4], validationError: [0.9, 0.2, testError] },
        });
      }
    }
  }
  return result;
}

test('the plan: error vs N per round, samples needed, error and stopping vs density with controls, learning curves, mask pictures', () => {
  const values = axisValues(family, records());
  const plan = family.chartPlan(values, { target: 0.05 });
  assert.deepEqual(plan.map((spec) => spec.id), ['error-vs-samples', 'samples-needed', 'error-vs-density', 'stop-vs-density', 'learning-curves', 'mask-picture']);
  const single = family.chartPlan(axisValues(family, records().filter((record) => record.trainSize === 1000)), {});
  assert.ok(!single.some((spec) => spec.id === 'error-vs-samples' || spec.id === 'samples-needed'), 'no N charts without several N');
});

test('the charts: lines per round and per variant, the samples a density needs, the first layer as pictures', () => {
  const all = records();
  const values = axisValues(family, all);
  const charts = Object.fromEntries(family.chartPlan(values, { target: 0.05 }).map((spec) => [spec.id, family.buildChart(spec, all, 'testError', values)]));

  const versusN = charts['error-vs-samples'];
  assert.ok(versusN.kind === 'line');
  assert.deepEqual(versusN.series.map((line) => line.label), ['round 0 (100% of weights)', 'round 1 (50% of weights)', 'round 2 (25% of weights)']);
  assert.ok(Math.abs(versusN.series[0].points[1].mean - (0.03 + 0.031) / 2) < 1e-12, 'the mean over trials at N = 10000');

  const versusDensity = charts['error-vs-density'];
  assert.ok(versusDensity.kind === 'line');
  assert.match(versusDensity.title, /ticket vs random re-init$/, 'only the variants the run has');
  assert.equal(versusDensity.series.length, 4, 'per N, the ticket and its control');
  assert.equal(versusDensity.xScale, 'log');

  const needed = charts['samples-needed'];
  assert.ok(needed.kind === 'line');
  assert.deepEqual(needed.series.map((line) => line.label), ['ticket', 'random re-init']);
  const ticketNeeds = needed.series[0].points;
  assert.deepEqual(ticketNeeds.map((point) => point.x), [0.25, 0.5, 1]);
  assert.ok(ticketNeeds.every((point, index) => index === 0 || point.mean <= ticketNeeds[index - 1].mean), 'denser tickets need no more samples here');
  assert.ok(needed.series[1].points.every((point) => point.mean > (ticketNeeds.find((ticket) => ticket.x === point.x)?.mean ?? 0)), 'the control needs more');

  const pictures = charts['mask-picture'];
  assert.ok(pictures.kind === 'image');
  assert.deepEqual([pictures.width, pictures.height, pictures.images.length], [4, 4, 3]);
  assert.deepEqual(pictures.images[2].values.slice(0, 4), [0, 1, 2, 3]);
  assert.match(chartsCsv([pictures]), /image,row,column,kept weights/);
});

test('inputUsage counts the kept first-layer weights each input feeds', () => {
  // 2 outputs × 3 inputs, row-major [out][in].
  assert.deepEqual(inputUsage(Uint8Array.from([1, 0, 1, 1, 1, 0]), 3), [2, 1, 1]);
});
