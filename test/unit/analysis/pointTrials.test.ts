// What a click on a chart lists, what differs between two runs, and the words a family puts
// around its charts (key settings, definitions, one trial's facts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configDifferences, configDifferenceTable } from '../../../src/core/analysis/configDiff';
import { describeQuery, heatmapCellQuery, linePointQuery, trialsAt } from '../../../src/core/analysis/pointTrials';
import { lotteryTicketFamily } from '../../../src/core/families/lottery-ticket/family';
import type { LotteryTicketExperiment } from '../../../src/core/families/lottery-ticket/types';
import { teacherStudentFamily as family } from '../../../src/core/families/teacher-student/family';
import type { Experiment } from '../../../src/core/families/teacher-student/types';
import type { TrialRecord } from '../../../src/shared/trialRecord';
import { fakeRecord } from './fakeRecord';

const records = [100, 200].flatMap((samples) => [2, 5].flatMap((r) => [0, 1, 2].map((trial) => fakeRecord({ samples, nonzerosPerNeuron: r, pruningRatio: 1 - r / 10, trial, seed: samples * 10 + r * 3 + trial })))) as unknown as TrialRecord[];
const values = { samples: [100, 200], nonzerosPerNeuron: [2, 5], noiseStd: [0], momentum: [0.5], extraPerNeuron: [0], missingPerNeuron: [0], initDistance: [0.3] };

test("a line's point lists the trials of its group at its x; a heatmap cell those at its r and N", () => {
  const spec = family.chartPlan(values, {}).find((candidate) => candidate.id === 'metric:samples');
  assert.ok(spec);
  const chart = family.buildChart(spec, records, 'generalizationError', values);
  assert.equal(chart.kind, 'line');
  if (chart.kind !== 'line') return;
  const line = chart.series.find((series) => series.group.nonzerosPerNeuron === 5);
  assert.ok(line);
  const query = linePointQuery(chart, line, 200);
  assert.deepEqual(query, { nonzerosPerNeuron: 5, samples: 200 });
  const listed = trialsAt(records, query!);
  assert.deepEqual(listed.map((record) => record.seed), [2015, 2016, 2017]);
  assert.equal(describeQuery(family, query!, listed[0]), 'N = 200, ratio 0.5 (r = 5)');

  const heatmapSpec = family.chartPlan(values, {}).find((candidate) => candidate.id.startsWith('heatmap'));
  const heatmap = family.buildChart(heatmapSpec!, records, 'generalizationError', values);
  assert.equal(heatmap.kind, 'heatmap');
  if (heatmap.kind !== 'heatmap') return;
  assert.deepEqual(trialsAt(records, heatmapCellQuery(heatmap, { nonzerosPerNeuron: 2, samples: 100 })).map((record) => record.seed), [1006, 1007, 1008]);

  // A chart whose points are no trials' summary (the median trial's curves) lists nothing.
  const curves = family.buildChart(family.chartPlan(values, {}).find((candidate) => candidate.id === 'curves')!, records, 'generalizationError', values);
  assert.ok(curves.kind === 'line' && linePointQuery(curves, curves.series[0], 0) === undefined);
});

test('config differences: leaves that differ (lists as one value), every run beside the first', () => {
  const base = { kind: 'teacher-student', stepSize: 2, axes: { samples: [10, 20], momentum: [0.5] }, batch: 'full' };
  const other = { kind: 'teacher-student', stepSize: 5, axes: { samples: [10, 20], momentum: [0] }, seed: 3, batch: 'full' };
  assert.deepEqual(configDifferences(base, other), [
    { path: 'axes.momentum', left: '[0.5]', right: '[0]' },
    { path: 'seed', left: '—', right: '3' },
    { path: 'stepSize', left: '2', right: '5' },
  ]);
  assert.deepEqual(configDifferences(base, structuredClone(base)), []);
  const third = { ...base, batch: 16 };
  assert.deepEqual(configDifferenceTable([base, other, third]), [
    { path: 'axes.momentum', values: ['[0.5]', '[0]', '[0.5]'] },
    { path: 'batch', values: ['"full"', '"full"', '16'] },
    { path: 'seed', values: ['—', '3', '—'] },
    { path: 'stepSize', values: ['2', '5', '2'] },
  ]);
});

test("teacher-student: key settings from the resolved experiment; definitions state the success threshold; a trial's facts", () => {
  const experiment = family.resolve({ kind: 'teacher-student', teacher: { inputDim: 40, hiddenUnits: 3, nonzerosPerNeuron: [4, 8] }, samples: [50, 100, 200, 400, 800], evaluation: { successThreshold: 0.002 } }, 'x') as Experiment;
  const settings = Object.fromEntries(family.keySettings!(experiment).map((setting) => [setting.label, setting.value]));
  assert.equal(settings.d, '40');
  assert.equal(settings.K, '3');
  assert.equal(settings.r, '4, 8');
  assert.equal(settings.ratio, '0.9, 0.8');
  assert.equal(settings.N, '50 … 800 (5 values)');
  assert.equal(settings['η'], String(experiment.stepSize));
  assert.equal(settings.success, 'error < 0.002');
  const plan = family.chartPlan({ ...values, samples: experiment.axes.samples, nonzerosPerNeuron: [4, 8] }, {});
  for (const spec of plan) assert.notEqual(family.chartDefinition!(spec, experiment), '', `${spec.id} has a definition`);
  assert.match(family.chartDefinition!(plan.find((spec) => spec.id.startsWith('heatmap'))!, experiment), /below 0\.002.*crosses 50%/);
  const trial = family.describeTrial!(records[4], experiment);
  const facts = Object.fromEntries(trial.facts.map((fact) => [fact.label, fact.value]));
  assert.equal(facts.seed, String(records[4].seed));
  assert.equal(facts['initial error'], '0.3');
  assert.equal(trial.weightsOnRequest, true);
  assert.deepEqual(trial.charts[0].kind === 'line' && trial.charts[0].series[0].points.map((point) => point.mean), [0.3, 0]);
});

test('lottery tickets: their own key settings, a definition for every chart of the plan, no weights on request', () => {
  const experiment = lotteryTicketFamily.resolve({ kind: 'lottery-ticket', data: { trainSize: [1000, 4000] }, pruning: { rounds: 3, fraction: 0.5 } }, 'x') as LotteryTicketExperiment;
  const settings = Object.fromEntries(lotteryTicketFamily.keySettings!(experiment).map((setting) => [setting.label, setting.value]));
  assert.equal(settings.N, '1000, 4000');
  assert.match(settings.rounds, /^3 \(down to 12\.5% of weights\)$/);
  assert.match(settings.network, /^784 → .* → 10$/);
  const plan = lotteryTicketFamily.chartPlan({ trainSize: [1000, 4000], learningRate: [0.1], fraction: [0.5], rewindIteration: [0] }, { target: 0.05 });
  for (const spec of plan) assert.notEqual(lotteryTicketFamily.chartDefinition!(spec, experiment), '', `${spec.id} has a definition`);
  const record = { cell: 'c', trial: 0, seed: 9, round: 1, variant: 'ticket', density: 0.5, testError: 0.04, earlyStopIteration: 300, finalTestError: 0.05, trainError: 0.01, trainSize: 1000, learningRate: 0.1, fraction: 0.5, rewindIteration: 0, curve: { iterations: [0, 100], validationError: [0.9, 0.1], validationLoss: [2, 0.3] } } as unknown as TrialRecord;
  const trial = lotteryTicketFamily.describeTrial!(record, experiment);
  assert.equal(trial.weightsOnRequest, false);
  assert.deepEqual(trial.charts[0].kind === 'line' && trial.charts[0].series[0].points.map((point) => point.mean), [0.9, 0.1]);
});
