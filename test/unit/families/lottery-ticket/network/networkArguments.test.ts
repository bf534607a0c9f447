// Wrong calls fail alike in both implementations, with a message that says what was wrong.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MlpNetwork } from '../../../../../src/core/families/lottery-ticket/network/mlpNetwork';
import { ensureWasmBuilt } from '../../../numerics/support';
import { randomBatch, typescriptNetwork, wasmNetwork } from './networkFixtures';

before(ensureWasmBuilt);

const SIZES = [6, 5, 3];
const IMPLEMENTATIONS: Record<string, () => MlpNetwork> = {
  typescript: () => typescriptNetwork(SIZES, 4),
  wasm: () => wasmNetwork(SIZES, 4, 'dense'),
};

for (const [name, create] of Object.entries(IMPLEMENTATIONS)) {
  test(`${name}: a batch of the wrong shape, too many rows or a label that is no class is refused`, () => {
    const network = create();
    const { inputs, labels } = randomBatch(SIZES, 4, 1);
    const train = (rows: Float32Array, classes: Uint8Array, count: number) => () => network.computeGradients(rows, classes, count);
    assert.throws(train(inputs.subarray(0, 23), labels, 4), /inputs has 23 floats, expected count · layerSizes\[0\] = 4 · 6 = 24/);
    assert.throws(train(inputs, labels.subarray(0, 3), 4), /labels has 3 entries, expected count = 4/);
    assert.throws(train(new Float32Array(30), new Uint8Array(5), 5), /count 5, expected an integer from 1 to 4 \(maxBatch\)/);
    assert.throws(train(new Float32Array(0), new Uint8Array(0), 0), /count 0/);
    assert.throws(train(inputs, labels, 3.5), /count 3.5/);
    assert.throws(train(inputs, Uint8Array.of(0, 1, 3, 2), 4), /label 3 of row 2 is not a class \(0 to 2\)/);
    assert.throws(() => network.trainStep(inputs, Uint8Array.of(0, 1, 3, 2), 4), /label 3 of row 2/);
    assert.throws(() => network.evaluate(inputs.subarray(0, 12), labels, 4), /inputs has 12 floats/);
    assert.throws(() => network.evaluate(inputs, Uint8Array.of(9, 0, 0, 0), 4), /label 9 of row 0/);
  });

  test(`${name}: layers out of range, mask values other than 0 and 1, and bad optimizer settings are refused`, () => {
    const network = create();
    assert.throws(() => network.weights(2), /layer 2 does not exist \(layers 0 to 1\)/);
    assert.throws(() => network.biasGradients(-1), /layer -1 does not exist/);
    network.mask(1)[4] = 2;
    assert.throws(() => network.masksChanged(), /mask\(1\)\[4\] is 2, expected 0 \(pruned\) or 1 \(kept\)/);
    network.mask(1)[4] = 1;
    assert.throws(() => network.applyUpdate(), /applyUpdate before setOptimizer/);
    assert.throws(() => network.setOptimizer({ kind: 'sgd', learningRate: 0, momentum: 0 }), /sgd learningRate must be positive and finite/);
    assert.throws(() => network.setOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 1 }), /momentum must be in \[0, 1\)/);
    assert.throws(() => network.setOptimizer({ kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 0 }), /epsilon must be positive/);
  });
}

test('sizes that make no network are refused by both implementations', () => {
  for (const create of [typescriptNetwork, (sizes: readonly number[], maxBatch: number) => wasmNetwork(sizes, maxBatch, 'dense')]) {
    assert.throws(() => create([784], 8), /needs at least an input and an output size/);
    assert.throws(() => create([784, 0, 10], 8), /layer size 0 .* is not a positive integer/);
    assert.throws(() => create([784, 1], 8), /1 output classes, expected 2 to 256/);
    assert.throws(() => create([784, 300], 8), /300 output classes/);
    assert.throws(() => create([784, 10], 0), /maxBatch 0 is not a positive integer/);
  }
});
