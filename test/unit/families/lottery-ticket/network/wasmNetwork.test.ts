// The WebAssembly network against the TypeScript reference, on both of its paths (dense products
// and sparse lists, forced per test), on sizes that are not multiples of the kernels' blocks
// (4 rows, 8 columns, 32 samples), so every padded edge is exercised.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OptimizerSettings } from '../../../../../src/core/families/lottery-ticket/network/mlpNetwork';
import { mlpKernelsModule } from '../../../../../src/core/families/lottery-ticket/network/createNetwork';
import { createWasmNetwork, SPARSE_BELOW_DENSITY } from '../../../../../src/core/families/lottery-ticket/network/wasmNetwork';
import { ensureWasmBuilt } from '../../../numerics/support';
import {
  assertClose,
  assertZeroWherePruned,
  layerIndices,
  randomBatch,
  setUpAlike,
  typescriptNetwork,
  wasmNetwork,
  type NetworkSetup,
} from './networkFixtures';

before(ensureWasmBuilt);

const SIZES = [37, 23, 13, 10];
const MAX_BATCH = 50;
const PATHS = ['dense', 'sparse'] as const;
const SETUPS: Record<string, NetworkSetup> = {
  'density 100%': { densities: [1, 1, 1], seed: 1 },
  'density 20%': { densities: [0.2, 0.2, 0.2], seed: 2 },
  'density 5%': { densities: [0.05, 0.05, 0.05], seed: 3 },
  'mixed densities, rows 0, 5 and 22 of layer 0 fully pruned': { densities: [0.5, 0.3, 0.9], prunedRows: [0, 5, 22], seed: 4 },
};
/**
 * Float32 against float64 accumulation, relative to the largest entry of what is compared. The
 * measured gap is ~3e-7 for gradients and ~1e-6 for weights after 20 Adam steps: 1e-5 leaves room
 * for other seeds (a ReLU input that rounds to the other side of 0) and still catches a lost term.
 */
const TOLERANCE = 1e-5;

for (const path of PATHS) {
  for (const [name, setup] of Object.entries(SETUPS)) {
    test(`${path} path, ${name}: the loss and every gradient equal the TypeScript reference's`, () => {
      const reference = typescriptNetwork(SIZES, MAX_BATCH);
      const network = wasmNetwork(SIZES, MAX_BATCH, path);
      setUpAlike([reference, network], setup);
      assert.deepEqual(network.layerPaths(), [path, path, path]);
      // 45 rows pad to 64 samples; 50 is maxBatch.
      for (const count of [45, MAX_BATCH, 1]) {
        const batch = randomBatch(SIZES, count, 100 + count);
        const expected = reference.computeGradients(batch.inputs, batch.labels, count);
        const actual = network.computeGradients(batch.inputs, batch.labels, count);
        assert.ok(Math.abs(actual - expected) <= 1e-6 * expected, `count ${count}: loss ${actual} against ${expected}`);
        for (const layer of layerIndices(network)) {
          assertClose(network.weightGradients(layer), reference.weightGradients(layer), TOLERANCE, `count ${count}: weightGradients(${layer})`);
          assertClose(network.biasGradients(layer), reference.biasGradients(layer), TOLERANCE, `count ${count}: biasGradients(${layer})`);
          assertZeroWherePruned(network.weightGradients(layer), network.mask(layer), `count ${count}: weightGradients(${layer})`);
        }
      }
    });
  }
}

test(`masksChanged runs each layer sparse below ${SPARSE_BELOW_DENSITY * 100}% density, dense from there on`, () => {
  const network = createWasmNetwork(mlpKernelsModule(), SIZES, MAX_BATCH);
  assert.deepEqual(network.layerPaths(), ['dense', 'dense', 'dense']);
  setUpAlike([network], { densities: [SPARSE_BELOW_DENSITY / 2, 1, (1 + SPARSE_BELOW_DENSITY) / 2], seed: 5 });
  assert.deepEqual(network.layerPaths(), ['sparse', 'dense', 'dense']);
});

const OPTIMIZERS: OptimizerSettings[] = [
  { kind: 'sgd', learningRate: 0.05, momentum: 0.9 },
  { kind: 'adam', learningRate: 2e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
];

for (const path of PATHS) {
  for (const settings of OPTIMIZERS) {
    test(`${path} path, ${settings.kind}: 20 training steps leave the weights the TypeScript reference's`, () => {
      const reference = typescriptNetwork(SIZES, MAX_BATCH);
      const network = wasmNetwork(SIZES, MAX_BATCH, path);
      setUpAlike([reference, network], { densities: [0.3, 0.5, 0.8], prunedRows: [3], seed: 6 });
      for (const subject of [reference, network]) subject.setOptimizer(settings);
      for (let step = 0; step < 20; step++) {
        const batch = randomBatch(SIZES, step % 2 === 0 ? MAX_BATCH : 37, 200 + step);
        const expected = reference.trainStep(batch.inputs, batch.labels, batch.count);
        const actual = network.trainStep(batch.inputs, batch.labels, batch.count);
        assert.ok(Math.abs(actual - expected) <= 1e-6 * expected, `step ${step}: loss ${actual} against ${expected}`);
      }
      for (const layer of layerIndices(network)) {
        assertClose(network.weights(layer), reference.weights(layer), TOLERANCE, `weights(${layer})`);
        assertClose(network.biases(layer), reference.biases(layer), TOLERANCE, `biases(${layer})`);
      }
    });
  }
}

for (const implementation of ['typescript', 'wasm dense', 'wasm sparse'] as const) {
  for (const settings of OPTIMIZERS) {
    test(`${implementation}, ${settings.kind}: weights pruned after 10 steps of accumulated optimizer state stay exactly 0 for 10 more`, () => {
      const network =
        implementation === 'typescript' ? typescriptNetwork(SIZES, MAX_BATCH) : wasmNetwork(SIZES, MAX_BATCH, implementation === 'wasm dense' ? 'dense' : 'sparse');
      setUpAlike([network], { densities: [1, 1, 1], seed: 7 });
      network.setOptimizer(settings);
      const train = (step: number) => {
        const batch = randomBatch(SIZES, MAX_BATCH, 300 + step);
        network.trainStep(batch.inputs, batch.labels, batch.count);
      };
      for (let step = 0; step < 10; step++) train(step);
      // Prune half of every layer: the momentum / Adam moments of those weights are large by now.
      const masks = layerIndices(network).map((layer) => network.mask(layer));
      masks.forEach((mask, layer) => mask.forEach((_, index) => (mask[index] = (index * 7 + layer) % 2)));
      network.masksChanged();
      const afterPruning = layerIndices(network).map((layer) => network.weights(layer).slice());
      for (let step = 10; step < 20; step++) {
        train(step);
        for (const layer of layerIndices(network)) {
          assertZeroWherePruned(network.weights(layer), masks[layer], `step ${step}: weights(${layer})`);
          assertZeroWherePruned(network.weightGradients(layer), masks[layer], `step ${step}: weightGradients(${layer})`);
        }
      }
      // The kept weights did go on training.
      for (const layer of layerIndices(network)) {
        const moved = network.weights(layer).some((value, index) => masks[layer][index] === 1 && value !== afterPruning[layer][index]);
        assert.ok(moved, `no kept weight of layer ${layer} changed after pruning`);
      }
    });
  }
}

for (const path of PATHS) {
  test(`${path} path: evaluate chunks rows beyond maxBatch and matches the reference and its own training loss`, () => {
    const maxBatch = 8;
    const reference = typescriptNetwork(SIZES, maxBatch);
    const network = wasmNetwork(SIZES, maxBatch, path);
    setUpAlike([reference, network], { densities: [0.4, 0.6, 1], seed: 8 });
    const batch = randomBatch(SIZES, 37, 400);
    const expected = reference.evaluate(batch.inputs, batch.labels, batch.count);
    const actual = network.evaluate(batch.inputs, batch.labels, batch.count);
    assert.ok(Math.abs(actual.lossSum - expected.lossSum) <= 1e-6 * expected.lossSum, `lossSum ${actual.lossSum} against ${expected.lossSum}`);
    assert.deepEqual([actual.correct, actual.count], [expected.correct, 37]);
    // The chunks' losses as computeGradients reports them (mean loss · rows), summed.
    let chunkSum = 0;
    for (let start = 0; start < 37; start += maxBatch) {
      const rows = Math.min(maxBatch, 37 - start);
      chunkSum += rows * network.computeGradients(batch.inputs.subarray(start * SIZES[0], (start + rows) * SIZES[0]), batch.labels.subarray(start, start + rows), rows);
    }
    assert.ok(Math.abs(chunkSum - actual.lossSum) <= 1e-6 * actual.lossSum, `chunk losses ${chunkSum} against ${actual.lossSum}`);
  });
}

test('the views are live and stay valid: weights written through them are the ones trained', () => {
  const network = wasmNetwork(SIZES, MAX_BATCH, 'dense');
  const reference = typescriptNetwork(SIZES, MAX_BATCH);
  const views = layerIndices(network).map((layer) => network.weights(layer));
  setUpAlike([reference, network], { densities: [0.3, 1, 1], seed: 9 });
  for (const subject of [reference, network]) subject.setOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 0 });
  const batch = randomBatch(SIZES, MAX_BATCH, 500);
  for (let step = 0; step < 3; step++) {
    reference.trainStep(batch.inputs, batch.labels, batch.count);
    network.trainStep(batch.inputs, batch.labels, batch.count);
  }
  layerIndices(network).forEach((layer) => {
    assert.equal(network.weights(layer), views[layer], `weights(${layer}) is a new array`);
    assert.ok(views[layer].byteLength > 0, `weights(${layer}) was detached`);
    assertClose(views[layer], reference.weights(layer), 1e-5, `weights(${layer})`);
  });
});
