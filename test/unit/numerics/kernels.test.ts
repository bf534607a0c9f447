import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { requireWasmKernel } from '../../../src/core/families/teacher-student/kernels/kernelSelection';
import type { SparseKernel } from '../../../src/core/families/teacher-student/kernels/sparseKernel';
import { typescriptKernel } from '../../../src/core/families/teacher-student/kernels/typescriptKernel';
import type { SparsityPattern } from '../../../src/core/families/teacher-student/model/sparseRows';
import { RandomStream } from '../../../src/core/random/randomStream';
import { ensureWasmBuilt, kernelProblem, toDense, type KernelProblem } from './support';

before(ensureWasmBuilt);

/**
 * The slow, obviously-correct twin: dense K×d weights with the mask applied, one sample at a
 * time, every (row, feature) pair visited. Samples start..start+count-1 of a features-major matrix.
 */
function denseReference(mask: SparsityPattern, values: Float64Array, inputs: Float64Array, stride: number, start: number, count: number, labels: Float64Array) {
  const { rowCount: hiddenUnits, columnCount: inputDim } = mask;
  const weights = toDense(mask, values);
  const isMasked = toDense(mask, new Float64Array(values.length).fill(1));
  const outputs = new Float64Array(count);
  const gradient = new Float64Array(hiddenUnits * inputDim); // dense, masked
  let loss = 0;
  for (let sample = 0; sample < count; sample++) {
    const x = (feature: number) => inputs[feature * stride + start + sample];
    const preactivations = new Float64Array(hiddenUnits);
    let output = 0;
    for (let row = 0; row < hiddenUnits; row++) {
      for (let feature = 0; feature < inputDim; feature++) preactivations[row] += isMasked[row * inputDim + feature] * weights[row * inputDim + feature] * x(feature);
      output += Math.max(preactivations[row], 0) / hiddenUnits;
    }
    outputs[sample] = output;
    const residual = output - labels[start + sample];
    loss += (residual * residual) / (2 * count);
    for (let row = 0; row < hiddenUnits; row++) {
      if (preactivations[row] <= 0) continue;
      for (let feature = 0; feature < inputDim; feature++) {
        gradient[row * inputDim + feature] += (isMasked[row * inputDim + feature] * residual * x(feature)) / (count * hiddenUnits);
      }
    }
  }
  return { outputs, loss, gradient };
}

function maxAbsoluteDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let largest = 0;
  for (let index = 0; index < a.length; index++) largest = Math.max(largest, Math.abs(a[index] - b[index]));
  return largest;
}

function maxAbsolute(values: ArrayLike<number>): number {
  let largest = 0;
  for (let index = 0; index < values.length; index++) largest = Math.max(largest, Math.abs(values[index]));
  return largest;
}

// An odd sample count (the SIMD kernel's lane pairs leave a scalar tail) and rows of uneven length.
const problemSize = { inputDim: 17, hiddenUnits: 3, nonzeros: 8, samples: 601, seed: 3 };

for (const kernelName of ['typescript', 'wasm'] as const) {
  const kernelOf = (): SparseKernel => (kernelName === 'wasm' ? requireWasmKernel() : typescriptKernel);

  test(`${kernelName} kernel: forward, loss and masked gradient equal the dense reference (odd counts, offset blocks)`, () => {
    const kernel = kernelOf();
    const problem = kernelProblem(kernel, problemSize);
    const { mask, values, inputs, labels, preactivations, residuals, gradient, samples } = problem;
    // The whole set, and blocks of odd length starting at odd offsets.
    for (const [start, count] of [[0, samples], [3, 555], [5, 27]]) {
      const block = { inputs, stride: samples, start, count };
      const reference = denseReference(mask, values, inputs, samples, start, count, labels);
      const outputs = residuals.subarray(0, count);
      kernel.forward(mask, values, block, preactivations, outputs);
      assert.ok(maxAbsoluteDifference(outputs, reference.outputs) < 1e-13 * maxAbsolute(reference.outputs));
      const loss = kernel.lossAndGradient(mask, values, block, labels, { preactivations, residuals }, gradient);
      assert.ok(Math.abs(loss - reference.loss) < 1e-13 * reference.loss, `loss ${loss} vs ${reference.loss}`);
      const denseGradient = toDense(mask, gradient);
      assert.ok(maxAbsolute(reference.gradient) > 0);
      assert.ok(maxAbsoluteDifference(denseGradient, reference.gradient) < 1e-13 * maxAbsolute(reference.gradient));
    }
  });

  test(`${kernelName} kernel: gradient equals central finite differences of the loss`, () => {
    const kernel = kernelOf();
    const problem = kernelProblem(kernel, problemSize);
    const { mask, values, inputs, labels, preactivations, residuals, gradient, samples } = problem;
    const block = { inputs, stride: samples, start: 0, count: samples };
    const scratch = { preactivations, residuals };
    // The loss is smooth only away from relu kinks: check no preactivation is near 0.
    kernel.forward(mask, values, block, preactivations, residuals);
    let smallestPreactivation = Infinity;
    for (let index = 0; index < mask.rowCount * samples; index++) smallestPreactivation = Math.min(smallestPreactivation, Math.abs(preactivations[index]));
    // A step of 1e-6 moves a preactivation by at most ~1e-5: a margin of 1e-4 keeps every relu on its side.
    assert.ok(smallestPreactivation > 1e-4, `a preactivation is ${smallestPreactivation}: pick another seed`);

    kernel.lossAndGradient(mask, values, block, labels, scratch, gradient);
    const analytic = Float64Array.from(gradient);
    const step = 1e-6;
    const finiteDifference = new Float64Array(values.length);
    for (let entry = 0; entry < values.length; entry++) {
      const original = values[entry];
      values[entry] = original + step;
      const lossUp = kernel.lossAndGradient(mask, values, block, labels, scratch, gradient);
      values[entry] = original - step;
      const lossDown = kernel.lossAndGradient(mask, values, block, labels, scratch, gradient);
      values[entry] = original;
      finiteDifference[entry] = (lossUp - lossDown) / (2 * step);
    }
    let differenceNorm = 0;
    let gradientNorm = 0;
    for (let entry = 0; entry < values.length; entry++) {
      differenceNorm += (finiteDifference[entry] - analytic[entry]) ** 2;
      gradientNorm += analytic[entry] ** 2;
    }
    const relativeError = Math.sqrt(differenceNorm / gradientNorm);
    assert.ok(relativeError < 1e-6, `relative error ${relativeError}`);
  });

  test(`${kernelName} kernel: refuses buffers too small for the call`, () => {
    const kernel = kernelOf();
    const { mask, values, inputs, labels, preactivations, residuals, gradient, samples } = kernelProblem(kernel, problemSize);
    const block = { inputs, stride: samples, start: 0, count: samples };
    assert.throws(() => kernel.forward(mask, values, { ...block, start: 1 }, preactivations, residuals), /do not fit in rows of stride 601/);
    assert.throws(() => kernel.forward(mask, values, block, preactivations.subarray(1), residuals), /preactivations has/);
    assert.throws(
      () => kernel.lossAndGradient(mask, values, block, labels.subarray(0, 10), { preactivations, residuals }, gradient),
      /labels has 10 values, expected at least 601/,
    );
    assert.throws(() => kernel.forward(mask, values.subarray(2), block, preactivations, residuals), /values has/);
  });
}

test('WASM kernel: forward is bit-identical to the TypeScript kernel, and 30 descent steps agree to 1e-12', () => {
  const wasm = requireWasmKernel();
  const onWasm = kernelProblem(wasm, problemSize);
  const onTypescript = kernelProblem(typescriptKernel, problemSize);
  const block = (problem: KernelProblem) => ({ inputs: problem.inputs, stride: problem.samples, start: 0, count: problem.samples });
  wasm.forward(onWasm.mask, onWasm.values, block(onWasm), onWasm.preactivations, onWasm.residuals);
  typescriptKernel.forward(onTypescript.mask, onTypescript.values, block(onTypescript), onTypescript.preactivations, onTypescript.residuals);
  // Same summation order and no fused multiply-add: the outputs agree exactly.
  assert.deepEqual(onWasm.residuals, onTypescript.residuals);

  // Gradient descent steps, each kernel on its own copy (the dot products are summed in a different order).
  for (let step = 0; step < 30; step++) {
    for (const [kernel, problem] of [[wasm, onWasm], [typescriptKernel, onTypescript]] as const) {
      kernel.lossAndGradient(problem.mask, problem.values, block(problem), problem.labels, problem, problem.gradient);
      for (let entry = 0; entry < problem.values.length; entry++) problem.values[entry] -= 2 * problem.gradient[entry];
    }
  }
  const difference = maxAbsoluteDifference(onWasm.values, onTypescript.values);
  assert.ok(difference < 1e-12 * maxAbsolute(onTypescript.values), `weights differ by ${difference}`);
  assert.notDeepEqual(onTypescript.values, kernelProblem(typescriptKernel, problemSize).values, 'the steps moved the weights');
});

test('WASM kernel: buffers from elsewhere or invalidated by a later allocate() are refused', () => {
  const wasm = requireWasmKernel();
  const problem = kernelProblem(wasm, problemSize);
  const plain = new Float64Array(problem.preactivations.length);
  const block = { inputs: problem.inputs, stride: problem.samples, start: 0, count: problem.samples };
  assert.throws(() => wasm.forward(problem.mask, problem.values, block, plain, problem.residuals), /preactivations is not a buffer from this kernel/);
  // A larger allocation grows the memory, which detaches every earlier view.
  wasm.allocate({ larger: { float64: 1_000_000 } });
  assert.throws(() => wasm.forward(problem.mask, problem.values, block, problem.preactivations, problem.residuals), /not a buffer from this kernel|has 0/);
});

test('WASM kernel: fillGaussian draws bit for bit what RandomStream draws (wedge and tail included), and the stream continues', () => {
  const wasm = requireWasmKernel();
  const count = 300_000; // ~1.2% wedge draws, ~170 beyond the tail start 3.44
  const { target } = wasm.allocate({ before: { float64: 3 }, target: { float64: count + 2 } });
  const onWasm = new RandomStream(21);
  const reference = new RandomStream(21);
  target.fill(7);
  wasm.fillGaussian(onWasm, target, 1, count);
  const expected = new Float64Array(count);
  reference.fillGaussian(expected, 0, count);
  assert.deepEqual(target.subarray(1, count + 1), expected);
  assert.equal(target[0], 7, 'nothing written before offset');
  assert.equal(target[count + 1], 7, 'nothing written after the range');
  assert.ok(expected.some((value) => Math.abs(value) > 3.442619855899), 'the tail path was taken');
  // The WASM draw advanced the stream's own state.
  assert.equal(onWasm.nextUint32(), reference.nextUint32());
  assert.throws(() => wasm.fillGaussian(onWasm, target, count, 10), /does not fit/);
  assert.throws(() => wasm.fillGaussian(onWasm, new Float64Array(4), 0, 4), /not a buffer from this kernel/);
});
