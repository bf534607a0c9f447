// The TypeScript reference against first principles: its gradients against finite differences
// of its own loss, its forward pass against a separate naive one, its updates against PyTorch's
// formulas written out here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MlpNetwork } from '../../../../../src/core/families/lottery-ticket/network/mlpNetwork';
import { assertClose, layerIndices, randomBatch, setUpAlike, typescriptNetwork, type Batch } from './networkFixtures';

const SIZES = [12, 7, 5, 4];

/**
 * Loss sum and correct count of a plain dense forward pass in float64 from the network's weights
 * (pruned weights are 0 in them), written independently of the network's code.
 */
function naiveEvaluation(network: MlpNetwork, { inputs, labels, count }: Batch): { lossSum: number; correct: number } {
  const sizes = network.layerSizes;
  let lossSum = 0;
  let correct = 0;
  for (let row = 0; row < count; row++) {
    let activations = Array.from(inputs.subarray(row * sizes[0], (row + 1) * sizes[0]));
    for (const layer of layerIndices(network)) {
      const weights = network.weights(layer);
      const biases = network.biases(layer);
      const next = Array.from({ length: sizes[layer + 1] }, (_, output) =>
        activations.reduce((sum, input, column) => sum + weights[output * activations.length + column] * input, biases[output]),
      );
      activations = layer < sizes.length - 2 ? next.map((value) => Math.max(value, 0)) : next;
    }
    const largest = Math.max(...activations);
    lossSum += Math.log(activations.reduce((sum, logit) => sum + Math.exp(logit - largest), 0)) - (activations[labels[row]] - largest);
    if (activations.indexOf(largest) === labels[row]) correct++;
  }
  return { lossSum, correct };
}

test('gradients equal central finite differences of the loss (float64 loss of the float32 parameters)', () => {
  const network = typescriptNetwork(SIZES, 6);
  setUpAlike([network], { densities: [0.7, 0.7, 0.8], seed: 11 });
  const batch = randomBatch(SIZES, 6, 12);
  const meanLoss = () => network.evaluate(batch.inputs, batch.labels, batch.count).lossSum / batch.count;
  network.computeGradients(batch.inputs, batch.labels, batch.count);

  // The loss is computed in float64 from float32 parameters, so a small step is safe: with
  // h = 2^-16 the truncation error (~h²) is ~1e-10 and rounding (~1e-16 / h) ~1e-11, while the
  // chance that a ReLU input crosses 0 within the step is small. The step actually taken is the
  // difference of the float32 values written, so the rounding of w ± h costs nothing.
  const step = 2 ** -16;
  let checked = 0;
  for (const layer of layerIndices(network)) {
    const cases = [
      { values: network.weights(layer), gradients: network.weightGradients(layer).slice(), mask: network.mask(layer), name: `weights(${layer})` },
      { values: network.biases(layer), gradients: network.biasGradients(layer).slice(), mask: undefined, name: `biases(${layer})` },
    ];
    for (const { values, gradients, mask, name } of cases) {
      for (let index = 0; index < values.length; index++) {
        if (mask?.[index] === 0) {
          assert.ok(gradients[index] === 0 && values[index] === 0, `${name}[${index}]: pruned, yet weight ${values[index]}, gradient ${gradients[index]}`);
          continue;
        }
        const original = values[index];
        values[index] = original + step;
        const above = values[index];
        const lossAbove = meanLoss();
        values[index] = original - step;
        const below = values[index];
        const lossBelow = meanLoss();
        values[index] = original;
        const difference = (lossAbove - lossBelow) / (above - below);
        const tolerance = 1e-7 + 1e-5 * Math.abs(difference);
        assert.ok(Math.abs(gradients[index] - difference) <= tolerance, `${name}[${index}]: gradient ${gradients[index]}, finite difference ${difference}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} parameters checked`);
});

test('computeGradients returns the mean loss that evaluate and a separate naive forward pass give', () => {
  const network = typescriptNetwork(SIZES, 6);
  setUpAlike([network], { densities: [0.6, 1, 0.5], prunedRows: [2], seed: 21 });
  const batch = randomBatch(SIZES, 6, 22);
  const naive = naiveEvaluation(network, batch);
  const evaluation = network.evaluate(batch.inputs, batch.labels, batch.count);
  assert.ok(Math.abs(evaluation.lossSum - naive.lossSum) <= 1e-12 * naive.lossSum, `${evaluation.lossSum} against ${naive.lossSum}`);
  assert.equal(evaluation.correct, naive.correct);
  assert.equal(evaluation.count, 6);
  const meanLoss = network.computeGradients(batch.inputs, batch.labels, batch.count);
  assert.ok(Math.abs(meanLoss * 6 - naive.lossSum) <= 1e-12 * naive.lossSum);
});

test('evaluate runs over more rows than maxBatch in chunks, as one naive pass over all of them', () => {
  const network = typescriptNetwork(SIZES, 4);
  setUpAlike([network], { densities: [0.8, 0.8, 1], seed: 31 });
  const batch = randomBatch(SIZES, 11, 32);
  const naive = naiveEvaluation(network, batch);
  const evaluation = network.evaluate(batch.inputs, batch.labels, batch.count);
  assert.ok(Math.abs(evaluation.lossSum - naive.lossSum) <= 1e-12 * naive.lossSum);
  assert.deepEqual([evaluation.correct, evaluation.count], [naive.correct, 11]);
});

test('SGD with momentum and Adam update as PyTorch does (worked out here in float64 from the gradients)', () => {
  for (const settings of [
    { kind: 'sgd', learningRate: 0.1, momentum: 0.9 },
    { kind: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  ] as const) {
    const network = typescriptNetwork(SIZES, 6);
    setUpAlike([network], { densities: [0.7, 0.7, 0.8], seed: 41 });
    network.setOptimizer(settings);
    const layer = 1;
    const weights = Array.from(network.weights(layer));
    const first = new Array<number>(weights.length).fill(0);
    const second = new Array<number>(weights.length).fill(0);
    for (let step = 1; step <= 3; step++) {
      const batch = randomBatch(SIZES, 6, 42 + step);
      network.computeGradients(batch.inputs, batch.labels, batch.count);
      const gradients = network.weightGradients(layer);
      weights.forEach((weight, index) => {
        if (network.mask(layer)[index] === 0) return;
        const gradient = gradients[index];
        if (settings.kind === 'sgd') {
          first[index] = settings.momentum * first[index] + gradient;
          weights[index] = weight - settings.learningRate * first[index];
        } else {
          first[index] = settings.beta1 * first[index] + (1 - settings.beta1) * gradient;
          second[index] = settings.beta2 * second[index] + (1 - settings.beta2) * gradient * gradient;
          const corrected = first[index] / (1 - settings.beta1 ** step);
          const correctedSquare = second[index] / (1 - settings.beta2 ** step);
          weights[index] = weight - (settings.learningRate * corrected) / (Math.sqrt(correctedSquare) + settings.epsilon);
        }
      });
      network.applyUpdate();
      // Float32 storage of weights and state: agreement to a few float32 roundings.
      assertClose(network.weights(layer), weights, 1e-6, `${settings.kind} step ${step}: weights(${layer})`);
    }
  }
});
