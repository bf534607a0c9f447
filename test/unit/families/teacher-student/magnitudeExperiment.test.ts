// student.mask "magnitude" through the experiment file: its settings resolved (and absent from
// other experiments, whose config hash must not change), the checks, the resource estimate
// counting the dense phase, and the charts a run of it gets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineChartData } from '../../../../src/core/analysis/chartData';
import { axisValues } from '../../../../src/core/analysis/seriesAxes';
import { teacherStudentFamily as family } from '../../../../src/core/families/teacher-student/family';
import { estimateTeacherStudent } from '../../../../src/core/families/teacher-student/resourceEstimate';
import type { ExperimentFile } from '../../../../src/core/families/teacher-student/schema';
import type { Experiment, TrialRecord } from '../../../../src/core/families/teacher-student/types';
import { fakeRecord } from '../../analysis/fakeRecord';

const base: ExperimentFile = {
  kind: 'teacher-student',
  teacher: { inputDim: 100, hiddenUnits: 5, nonzerosPerNeuron: [5, 10] },
  samples: [200, 400],
  training: { init: 'random' },
};
const resolve = (student: ExperimentFile['student']) => family.resolve({ ...base, student }, 'test') as Experiment;

test('resolve: pruning settings with their defaults for "magnitude", none at all for the other masks', () => {
  assert.deepEqual(resolve({ mask: 'magnitude' }).magnitudePruning, { steps: 1, retrainFrom: 'initial' });
  assert.deepEqual(resolve({ mask: 'magnitude', pruning: { steps: 3, retrainFrom: 'trained' } }).magnitudePruning, { steps: 3, retrainFrom: 'trained' });
  assert.ok(!('magnitudePruning' in resolve({ mask: 'accurate' })), 'an accurate experiment resolves as before (same config hash)');
  const spec = family.trialSpec(resolve({ mask: 'magnitude' }), { samples: 200, nonzerosPerNeuron: 5, noiseStd: 0, momentum: 0.5, extraPerNeuron: 0, missingPerNeuron: 0, initDistance: 0.3 }, 0);
  assert.deepEqual((spec as Experiment).magnitudePruning, { steps: 1, retrainFrom: 'initial' });
});

test('semantic checks: pruning settings on another mask are ignored, and "near" gives the support away', () => {
  const issues = (file: ExperimentFile) => family.semanticIssues(file).map((issue) => `${issue.severity} ${issue.path.join('.')}: ${issue.message}`);
  assert.deepEqual(issues({ ...base, student: { mask: 'accurate', pruning: { steps: 2 } } }), [
    'warning student.pruning: ignored: pruning applies to student.mask "magnitude", and mask is "accurate"',
  ]);
  assert.match(issues({ ...base, student: { mask: 'magnitude' }, training: { init: 'near' } }).join('\n'), /^warning training\.init: init "near" starts the dense student next to W\*/);
  assert.deepEqual(issues({ ...base, student: { mask: 'magnitude', extraPerNeuron: 3, missingPerNeuron: 2 } }), [], 'extra and missing set the kept count');
});

test('the resource estimate covers the dense phase, every pruning round and the oracle', () => {
  const magnitude = estimateTeacherStudent(resolve({ mask: 'magnitude' }));
  const dense = estimateTeacherStudent(resolve({ mask: 'dense' }));
  const accurate = estimateTeacherStudent(resolve({ mask: 'accurate' }));
  const bytes = (estimate: typeof dense) => estimate.perWorker.reduce((sum, item) => sum + item.bytes, 0);
  assert.equal(bytes(magnitude), bytes(dense), 'memory: the dense phase is the largest training');
  assert.match(magnitude.perWorker.map((item) => item.what).join('; '), /the weights and mask \(500 entries\)/);
  assert.equal(magnitude.trainings, 3 * dense.trainings, 'dense, found mask, oracle');
  // One-shot: dense + found mask (r entries, like the oracle) + oracle.
  assert.ok(Math.abs(magnitude.workerSeconds - (dense.workerSeconds + 2 * accurate.workerSeconds)) < 1e-9 * magnitude.workerSeconds, `${magnitude.workerSeconds} s`);
  const iterative = estimateTeacherStudent(resolve({ mask: 'magnitude', pruning: { steps: 4 } }));
  assert.ok(iterative.workerSeconds > magnitude.workerSeconds + accurate.workerSeconds, 'three more rounds, each larger than the last');
});

/** Records of a magnitude run on N × r: the found mask as good as the oracle from N = 400 on, the dense student never. */
function magnitudeRecords(): TrialRecord[] {
  return [200, 400].flatMap((samples) =>
    [5, 10].map((nonzerosPerNeuron) => {
      const found = samples >= 400 ? 1e-12 : 0.5;
      const summary = (relativeError: number) => ({ relativeError, initialRelativeError: 1, generalizationError: relativeError ** 2, relativeGeneralizationError: relativeError ** 2, success: relativeError < 1e-3, iterations: 100, trainLoss: 0, seconds: 0.01 });
      return fakeRecord({ samples, nonzerosPerNeuron, relativeError: found, success: found < 1e-3, maskRecall: samples >= 400 ? 1 : 0.6, maskPrecision: samples >= 400 ? 1 : 0.6, densePhase: summary(0.9), oracleMask: summary(1e-12) });
    }),
  );
}

test('charts: mask recall vs N per r, then oracle vs found vs dense vs N, one chart per r, before the usual ones; only for magnitude runs', () => {
  const records = magnitudeRecords();
  const values = axisValues(family, records);
  const plan = (experiments: Experiment[]) => family.chartPlan(values, { experiments }).map((spec) => spec.id);
  const magnitudePlan = plan([resolve({ mask: 'magnitude' })]);
  assert.deepEqual(magnitudePlan.slice(0, 3), ['maskRecall:samples', 'mask-variants:samples:nonzerosPerNeuron=5', 'mask-variants:samples:nonzerosPerNeuron=10']);
  assert.deepEqual(plan([resolve({ mask: 'accurate' })]), magnitudePlan.slice(3));
  assert.ok(plan([resolve({ mask: 'accurate' }), resolve({ mask: 'magnitude' })]).includes('mask-variants:samples:nonzerosPerNeuron=5'), 'a magnitude run among those shown');
  const manyR = axisValues(family, [1, 2, 3, 4, 5, 6, 7].map((nonzerosPerNeuron) => fakeRecord({ nonzerosPerNeuron })).concat(records));
  assert.deepEqual(
    family.chartPlan(manyR, { experiments: [resolve({ mask: 'magnitude' })] }).filter((spec) => spec.id.startsWith('mask-variants')).map((spec) => spec.id),
    ['mask-variants:samples'],
    'past six values of r, one chart with a line per variant and r',
  );

  const withExtra = axisValues(family, records.map((record) => ({ ...record, extraPerNeuron: 2 })));
  assert.ok(family.chartPlan(withExtra, { experiments: [resolve({ mask: 'magnitude' })] }).some((spec) => spec.id === 'maskPrecision:samples'), 'precision differs from recall');

  const specs = family.chartPlan(values, { experiments: [resolve({ mask: 'magnitude' })] });
  const recall = family.buildChart(specs[0], records, 'generalizationError', values) as LineChartData;
  assert.equal(recall.metric, 'maskRecall');
  assert.deepEqual(recall.series.map((line) => line.points.map((point) => point.mean)), [[0.6, 1], [0.6, 1]]);

  const variants = family.buildChart(specs[1], records, 'relativeError', values) as LineChartData;
  assert.equal(variants.title, 'Relative weight error vs N (r = 5): oracle mask vs found mask vs dense');
  assert.deepEqual(
    variants.series.map((line) => [line.label, line.points.map((point) => [point.x, point.mean, point.count])]),
    [
      ['oracle mask', [[200, 1e-12, 1], [400, 1e-12, 1]]],
      ['found mask', [[200, 0.5, 1], [400, 1e-12, 1]]],
      ['dense', [[200, 0.9, 1], [400, 0.9, 1]]],
    ],
  );
  const success = family.buildChart(specs[2], records, 'successRate', values) as LineChartData;
  assert.deepEqual(success.series.map((line) => line.points.map((point) => point.mean)), [[1, 1], [0, 1], [0, 0]]);
});
