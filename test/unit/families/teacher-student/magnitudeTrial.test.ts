// Magnitude pruning in the teacher-student model, run for real (small seeded configs, a few
// hundredths of a second per trial): with enough samples the dense student's largest weights
// are the teacher's support, so the found mask trains to the oracle's error; with too few they
// are not. The dense phase and the oracle are the "dense" and "accurate" trials themselves.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { requireWasmKernel } from '../../../../src/core/families/teacher-student/kernels/kernelSelection';
import { typescriptKernel } from '../../../../src/core/families/teacher-student/kernels/typescriptKernel';
import { runTrial, runTrialWithKernel } from '../../../../src/core/families/teacher-student/training/runTrial';
import { teacherStudentWeights } from '../../../../src/core/families/teacher-student/training/trialWeights';
import type { MagnitudeMetrics, TrialMetrics, TrialSpec } from '../../../../src/core/families/teacher-student/types';
import { ensureWasmBuilt, smallSpec } from '../../numerics/support';

before(ensureWasmBuilt);

type MagnitudeTrial = TrialMetrics & MagnitudeMetrics;

/** d = 50, K = 2, r = 5 from a random start: the dense student recovers W* from about N = 400 on. */
function magnitudeSpec(overrides: Partial<TrialSpec> = {}): TrialSpec {
  return smallSpec({
    inputDim: 50,
    hiddenUnits: 2,
    nonzerosPerNeuron: 5,
    stepSize: 2,
    init: 'random',
    maxIterations: 3000,
    testSamples: 500,
    studentMask: 'magnitude',
    magnitudePruning: { steps: 1, retrainFrom: 'initial' },
    ...overrides,
  });
}

const runMagnitude = (overrides: Partial<TrialSpec>) => runTrial(magnitudeSpec(overrides)) as MagnitudeTrial;
const seeds = [1, 2, 3];
const median = (values: number[]) => [...values].sort((left, right) => left - right)[(values.length - 1) >> 1];

test('with enough samples, one-shot pruning recovers the support (recall 1) and reaches the oracle\'s error', () => {
  for (const seed of seeds) {
    const trial = runMagnitude({ seed, samples: 800 });
    assert.equal(trial.maskRecall, 1, `seed ${seed}: recall`);
    assert.equal(trial.maskPrecision, 1, `seed ${seed}: precision (r per row, like the teacher)`);
    assert.ok(trial.success, `seed ${seed}: found-mask error ${trial.relativeError}`);
    assert.ok(trial.relativeError <= Math.max(10 * trial.oracleMask.relativeError, 1e-10), `seed ${seed}: found ${trial.relativeError} vs oracle ${trial.oracleMask.relativeError}`);
    assert.ok(trial.generalizationError <= Math.max(10 * trial.oracleMask.generalizationError, 1e-18), `seed ${seed}: generalization error`);
  }
});

test('with too few samples the found mask misses teacher positions, and its error stays above the oracle\'s', () => {
  const few = seeds.map((seed) => runMagnitude({ seed, samples: 150 }));
  const recalls = few.map((trial) => trial.maskRecall);
  assert.ok(median(recalls) < 0.9, `median recall ${median(recalls)} at N = 150 (recalls ${recalls})`);
  for (const trial of few) assert.ok(trial.maskRecall < 1 || trial.success, 'a trial that misses no position is no failure');
  assert.ok(median(few.map((trial) => trial.relativeError)) > 100 * median(few.map((trial) => trial.oracleMask.relativeError)), 'the oracle mask still learns W* at this N');
});

test('extra positions per row: every teacher position kept, precision r / (r + extra)', () => {
  const trial = runMagnitude({ samples: 800, extraPerNeuron: 3 });
  assert.equal(trial.maskRecall, 1);
  assert.equal(trial.maskPrecision, 5 / 8);
  assert.ok(trial.success, `error ${trial.relativeError}`);
});

test('the dense phase and the oracle are exactly the "dense" and "accurate" trials of the same cell', () => {
  const trial = runMagnitude({ samples: 400 });
  const plain = (overrides: Partial<TrialSpec>) => {
    const { magnitudePruning, ...spec } = magnitudeSpec({ samples: 400, ...overrides });
    assert.ok(magnitudePruning);
    return runTrial(spec);
  };
  const dense = plain({ studentMask: 'dense' });
  const oracle = plain({ studentMask: 'accurate' });
  for (const field of ['relativeError', 'initialRelativeError', 'generalizationError', 'relativeGeneralizationError', 'success', 'iterations', 'trainLoss'] as const) {
    assert.equal(trial.densePhase[field], dense[field], `densePhase.${field}`);
    assert.equal(trial.oracleMask[field], oracle[field], `oracleMask.${field}`);
  }
});

test('deterministic from the trial seed, for one-shot and iterative pruning, rewinding or continuing', () => {
  const withoutSeconds = ({ seconds, densePhase, oracleMask, ...rest }: MagnitudeTrial) => {
    assert.ok(seconds >= densePhase.seconds + oracleMask.seconds, 'the trial\'s time includes its dense phase and its oracle');
    return rest;
  };
  for (const magnitudePruning of [{ steps: 1, retrainFrom: 'initial' }, { steps: 3, retrainFrom: 'trained' }] as const) {
    const first = runMagnitude({ samples: 600, magnitudePruning });
    assert.deepEqual(withoutSeconds(first), withoutSeconds(runMagnitude({ samples: 600, magnitudePruning })));
    assert.equal(first.maskRecall, 1, `${JSON.stringify(magnitudePruning)}: recall`);
  }
  assert.notDeepEqual(withoutSeconds(runMagnitude({ samples: 600 })), withoutSeconds(runMagnitude({ samples: 600, seed: 2 })));
});

test('rewinding starts the found mask from the dense student\'s W(0); continuing from its trained weights', () => {
  const rewound = runMagnitude({ samples: 800 });
  const continued = runMagnitude({ samples: 800, magnitudePruning: { steps: 1, retrainFrom: 'trained' } });
  // Random W(0) is far from W* (error about 1); the trained dense student is at W*, and so is its pruned copy.
  assert.ok(rewound.initialRelativeError > 0.5, `rewound start ${rewound.initialRelativeError}`);
  assert.ok(continued.initialRelativeError < 1e-6, `continued start ${continued.initialRelativeError}`);
});

test('the found mask\'s error curve ends at its permutation-matched error, whatever order the dense student learned W* in', () => {
  // The dense student learns W* with its neurons in some order, in some seeds not the teacher's;
  // the found mask's rows are put in the teacher's order and its curve is matched at every
  // iteration, so the curve's last point is the trial's relativeError.
  const endOf = (curve: { relativeError: number[] }) => curve.relativeError[curve.relativeError.length - 1];
  let checked = 0;
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const trial = runMagnitude({ seed, samples: 800 });
    if (!trial.success) continue;
    checked++;
    assert.ok(Math.abs(endOf(trial.curve) - trial.relativeError) <= 1e-12, `seed ${seed}: curve ends at ${endOf(trial.curve)}, error ${trial.relativeError}`);
  }
  assert.ok(checked >= 3, `only ${checked} of 6 seeds found the ticket (else this test shows nothing)`);
});

test('both kernels find the same mask and reach the same error (they differ by rounding only)', () => {
  const spec = magnitudeSpec({ samples: 600, magnitudePruning: { steps: 2, retrainFrom: 'initial' } });
  const [onWasm, onTypescript] = [requireWasmKernel(), typescriptKernel].map((kernel) => runTrialWithKernel(spec, kernel) as MagnitudeTrial);
  assert.equal(onTypescript.maskRecall, onWasm.maskRecall);
  assert.equal(onTypescript.maskPrecision, onWasm.maskPrecision);
  assert.equal(onTypescript.iterations, onWasm.iterations);
  for (const [name, wasm, typescript] of [
    ['found', onWasm.relativeError, onTypescript.relativeError],
    ['dense', onWasm.densePhase.relativeError, onTypescript.densePhase.relativeError],
    ['oracle', onWasm.oracleMask.relativeError, onTypescript.oracleMask.relativeError],
  ] as const) {
    assert.ok(Math.abs(wasm - typescript) <= 1e-9 + 1e-6 * wasm, `${name}: ${wasm} vs ${typescript}`);
  }
});

test('a magnitude spec without its pruning settings is refused, and so are settings on another mask', () => {
  assert.throws(() => runTrial(magnitudeSpec({ magnitudePruning: undefined })), /magnitudePruning must be given exactly when studentMask is "magnitude"/);
  assert.throws(() => runTrial(magnitudeSpec({ studentMask: 'accurate' })), /magnitudePruning must be given exactly when/);
  assert.throws(() => runTrial(magnitudeSpec({ magnitudePruning: { steps: 0, retrainFrom: 'initial' } })), /magnitudePruning is .*expected absent, or/);
});

test('the trial view re-runs a magnitude trial: the recorded error, the teacher, the found mask\'s student and the dense student it was pruned from', () => {
  const spec = magnitudeSpec({ seed: 2, samples: 800, magnitudePruning: { steps: 2, retrainFrom: 'trained' } });
  const recorded = runTrial(spec) as MagnitudeTrial;
  const weights = teacherStudentWeights(spec);
  assert.equal(weights.relativeError, recorded.relativeError, 'the same training as the record\'s');
  assert.deepEqual(
    weights.matrices.map((matrix) => matrix.label),
    ['Teacher W*', 'Student W (learned on the found mask)', 'Dense student W (learned, before pruning)'],
  );
  const [teacher, found, dense] = weights.matrices.map((matrix) => matrix.values);
  for (let row = 0; row < weights.rows; row++) {
    const span = (values: number[]) => values.slice(row * weights.columns, (row + 1) * weights.columns);
    assert.equal(span(weights.kept).filter((value) => value === 1).length, spec.nonzerosPerNeuron, `row ${row}: the found mask keeps r weights`);
    // Recall 1 at this N: the found mask is the teacher's support, row for row (rows in the teacher's order).
    assert.deepEqual(span(weights.kept), span(teacher).map((value) => (value !== 0 ? 1 : 0)), `row ${row}: found mask = support`);
    assert.ok(span(dense).every((value) => value !== 0), `row ${row}: the dense student uses every input`);
  }
  assert.ok(found.every((value, index) => weights.kept[index] === 1 || value === 0), 'the found-mask student is zero off its mask');
});
