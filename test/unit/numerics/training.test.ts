import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrialMetrics, TrialSpec } from '../../../src/core/experiment/types';
import { requireWasmKernel } from '../../../src/core/kernels/kernelSelection';
import type { SparseKernel } from '../../../src/core/kernels/sparseKernel';
import { typescriptKernel } from '../../../src/core/kernels/typescriptKernel';
import { patternFromSupports } from '../../../src/core/model/sparseRows';
import { planBatches } from '../../../src/core/training/batchSchedule';
import { heavyBallDescent } from '../../../src/core/training/heavyBall';
import { runTrial, runTrialWithKernel } from '../../../src/core/training/runTrial';
import { ensureWasmBuilt, smallSpec } from './support';

before(ensureWasmBuilt);

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function withoutSeconds(metrics: TrialMetrics): Omit<TrialMetrics, 'seconds'> {
  const { seconds, ...rest } = metrics;
  assert.ok(seconds > 0);
  return rest;
}

test('heavy ball follows W(t+1) = W(t) - eta g(W(t)) + beta (W(t) - W(t-1)) with W(-1) = W(0)', () => {
  // A stand-in kernel whose "gradient" is W itself (the quadratic |W|^2/2), to check the recurrence exactly.
  const gradientIsWeights: SparseKernel = {
    ...typescriptKernel,
    lossAndGradient: (_pattern, values, _block, _labels, _scratch, gradient) => {
      gradient.set(values);
      return 0;
    },
  };
  const mask = patternFromSupports([Int32Array.of(0, 1)], 2);
  const weights = Float64Array.of(1, -2);
  const stepSize = 0.3;
  const momentum = 0.5;
  const { iterations, errorHistory } = heavyBallDescent(
    {
      kernel: gradientIsWeights,
      mask,
      weights,
      previousWeights: new Float64Array(2),
      gradient: new Float64Array(2),
      scratch: { preactivations: new Float64Array(0), residuals: new Float64Array(0) },
      schedule: { next: () => ({ block: { inputs: new Float64Array(0), stride: 1, start: 0, count: 1 }, labels: new Float64Array(1) }) },
      alignment: { teacherOnMask: new Float64Array(2), offMaskSquaredNorm: 0, teacherSquaredNorm: 1 },
    },
    { stepSize, momentum, maxIterations: 3, tolerance: 0 },
  );
  const expected = [[1, -2]];
  let previous = [1, -2];
  for (let step = 0; step < 3; step++) {
    const current = expected[expected.length - 1];
    const next = current.map((value, index) => value - stepSize * value + momentum * (value - previous[index]));
    previous = current;
    expected.push(next);
  }
  assert.equal(iterations, 3);
  assert.deepEqual(Array.from(weights), expected[3]);
  // The teacher is 0 here, so the error history is |W(t)|.
  expected.forEach(([a, b], iteration) => assert.ok(Math.abs(errorHistory[iteration] - Math.hypot(a, b)) < 1e-15));
});

test('near initialization with ample samples recovers the teacher to 1e-9', () => {
  const metrics = runTrial(smallSpec());
  assert.ok(Math.abs(metrics.initialRelativeError - 0.3) < 1e-12, `initial ${metrics.initialRelativeError}`);
  assert.ok(metrics.relativeError < 1e-9, `relative error ${metrics.relativeError}`);
  assert.equal(metrics.success, true);
  assert.ok(metrics.relativeGeneralizationError < 1e-18);
  assert.ok(metrics.trainLoss < 1e-20);
  assert.ok(metrics.iterations < 1000, 'stopped by the tolerance');
  assert.ok(metrics.iterationsTo1e3! < metrics.iterationsTo1e6! && metrics.iterationsTo1e6! <= metrics.iterations);
  assert.ok(metrics.convergenceRate! > 0 && metrics.convergenceRate! < 1);
  // The curve starts at the initial error and ends at the final one (rows are aligned here).
  assert.equal(metrics.curve.iterations[0], 0);
  assert.equal(metrics.curve.iterations.at(-1), metrics.iterations);
  assert.ok(Math.abs(metrics.curve.relativeError[0] - metrics.initialRelativeError) < 1e-12);
  assert.ok(Math.abs(metrics.curve.relativeError.at(-1)! - metrics.relativeError) < 1e-15);
  assert.equal(metrics.curve.iterations.length, 20);
});

test('same spec, same metrics (bit for bit, except seconds), for every batch mode and initialization', () => {
  for (const overrides of [{}, { batch: 'split' as const }, { batch: 64 }, { init: 'random' as const }, { init: 'tensor' as const, maxIterations: 50 }, { noiseStd: 0.1, maxIterations: 50 }]) {
    const spec = smallSpec(overrides);
    assert.deepEqual(withoutSeconds(runTrial(spec)), withoutSeconds(runTrial(spec)), JSON.stringify(overrides));
  }
  assert.notDeepEqual(withoutSeconds(runTrial(smallSpec({ seed: 2 }))), withoutSeconds(runTrial(smallSpec())));
});

test('the WASM and TypeScript kernels give the same trial up to rounding', () => {
  const spec = smallSpec({ maxIterations: 60, tolerance: 0 });
  const onWasm = runTrialWithKernel(spec, requireWasmKernel());
  const onTypescript = runTrialWithKernel(spec, typescriptKernel);
  assert.equal(onWasm.iterations, onTypescript.iterations);
  for (const key of ['relativeError', 'generalizationError', 'trainLoss'] as const) {
    assert.ok(Math.abs(onWasm[key] - onTypescript[key]) <= 1e-9 * onTypescript[key], `${key}: ${onWasm[key]} vs ${onTypescript[key]}`);
  }
});

test('smaller r converges faster at fixed N (mean contraction factor over seeds)', () => {
  const rateFor = (nonzerosPerNeuron: number) =>
    mean([1, 2, 3].map((seed) => runTrial(smallSpec({ seed, inputDim: 40, nonzerosPerNeuron, samples: 150, testSamples: 100 })).convergenceRate!));
  const sparse = rateFor(5);
  const denser = rateFor(20);
  assert.ok(sparse < denser - 0.05, `rate ${sparse} at r=5, ${denser} at r=20`);
});

test('momentum 0.5 needs fewer iterations than plain gradient descent', () => {
  for (const seed of [1, 2]) {
    const heavyBall = runTrial(smallSpec({ seed, momentum: 0.5 }));
    const plain = runTrial(smallSpec({ seed, momentum: 0 }));
    assert.ok(heavyBall.iterationsTo1e6! < 0.75 * plain.iterationsTo1e6!, `${heavyBall.iterationsTo1e6} vs ${plain.iterationsTo1e6}`);
    assert.ok(heavyBall.convergenceRate! < plain.convergenceRate!);
  }
});

test('label noise leaves an error that grows in proportion to the noise std', () => {
  const errorFor = (noiseStd: number) => runTrial(smallSpec({ noiseStd, maxIterations: 2000, testSamples: 100 })).relativeError;
  const [none, small, large] = [0, 1e-3, 1e-2].map(errorFor);
  assert.ok(none < 1e-9 && small > 1e-5 && large > small);
  // The same noise realization, scaled: the error is close to linear in the std.
  assert.ok(large / small > 8 && large / small < 12, `ratio ${large / small}`);
});

test('missing teacher positions leave an error floor that rises with the number missing', () => {
  const errorFor = (missingPerNeuron: number) => runTrial(smallSpec({ missingPerNeuron, testSamples: 100 }));
  const [accurate, missingOne, missingTwo] = [0, 1, 2].map(errorFor);
  assert.ok(accurate.relativeError < 1e-9);
  assert.ok(missingOne.relativeError > 0.05 && !missingOne.success, `missing one: ${missingOne.relativeError}`);
  assert.ok(missingTwo.relativeError > missingOne.relativeError);
  assert.ok(missingOne.generalizationError > 1e3 * accurate.generalizationError);
  assert.equal(missingOne.iterationsTo1e3, null);
});

test('extra mask positions and the dense mask still recover the teacher when N is ample', () => {
  for (const overrides of [{ extraPerNeuron: 5 }, { studentMask: 'dense' as const }]) {
    const metrics = runTrial(smallSpec({ ...overrides, samples: 600, testSamples: 100 }));
    assert.ok(metrics.relativeError < 1e-9, `${JSON.stringify(overrides)}: ${metrics.relativeError}`);
  }
});

test('sample splitting and mini-batches also converge to the teacher (noiseless)', () => {
  for (const batch of ['split', 50] as const) {
    const metrics = runTrial(smallSpec({ batch, maxIterations: 3000, testSamples: 100 }));
    assert.ok(metrics.relativeError < 1e-9, `batch ${batch}: ${metrics.relativeError}`);
  }
  assert.deepEqual(planBatches('full', 300, 5), { kind: 'full', capacity: 300 });
  // split: blocks of at least 4 samples per mask weight, at most 8 blocks.
  assert.deepEqual(planBatches('split', 300, 5), { kind: 'split', capacity: 38, blockCount: 8 });
  assert.deepEqual(planBatches('split', 100, 5), { kind: 'split', capacity: 20, blockCount: 5 });
  assert.deepEqual(planBatches('split', 30, 10), { kind: 'full', capacity: 30 });
  assert.deepEqual(planBatches(50, 300, 5), { kind: 'mini', capacity: 50 });
  assert.deepEqual(planBatches(500, 300, 5), { kind: 'full', capacity: 300 });
});

test('random initialization converges too; a looser tolerance stops earlier', () => {
  const random = runTrial(smallSpec({ init: 'random', testSamples: 100 }));
  assert.ok(random.initialRelativeError > 0.5 && random.relativeError < 1e-9);
  const loose = runTrial(smallSpec({ tolerance: 1e-6, testSamples: 100 }));
  const tight = runTrial(smallSpec({ testSamples: 100 }));
  assert.ok(loose.iterations < tight.iterations && loose.relativeError > tight.relativeError);
});

test('a step size far beyond 2K diverges and stops instead of overflowing', () => {
  const metrics = runTrial(smallSpec({ stepSize: 100, testSamples: 100 }));
  assert.ok(metrics.iterations < 1000 && !metrics.success && Number.isFinite(metrics.relativeError));
});

test('bad specs are refused with the field and what was expected', () => {
  const bad = (overrides: Partial<TrialSpec>) => () => runTrial(smallSpec(overrides));
  assert.throws(bad({ samples: 0 }), /samples is 0, expected an integer >= 1/);
  assert.throws(bad({ momentum: 1 }), /momentum is 1, expected a number in \[0, 1\)/);
  assert.throws(bad({ batch: 'half' as never }), /batch is "half"/);
  assert.throws(bad({ stepSize: Number.NaN, inputDim: 2.5 }), /inputDim is 2.5.*stepSize is null/);
  assert.throws(bad({ nonzerosPerNeuron: 21 }), /nonzerosPerNeuron 21 exceeds inputDim 20/);
  assert.throws(bad({ extraPerNeuron: 16 }), /extraPerNeuron 16 does not fit/);
  assert.throws(() => runTrial(undefined as never), /expected an object/);
});
