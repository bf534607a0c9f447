// Shared fixtures of the network tests (not a test file itself): random networks set up alike in
// several implementations, random batches, and comparisons with tolerances relative to the size
// of what is compared.
import assert from 'node:assert/strict';
import { mlpKernelsModule } from '../../../../../src/core/families/lottery-ticket/network/createNetwork';
import type { MlpNetwork } from '../../../../../src/core/families/lottery-ticket/network/mlpNetwork';
import { createTypescriptNetwork } from '../../../../../src/core/families/lottery-ticket/network/typescriptNetwork';
import { createWasmNetwork, type WasmMlpNetwork } from '../../../../../src/core/families/lottery-ticket/network/wasmNetwork';
import { RandomStream } from '../../../../../src/core/random/randomStream';

export const typescriptNetwork = (layerSizes: readonly number[], maxBatch: number): MlpNetwork => createTypescriptNetwork(layerSizes, maxBatch);
/** The WASM network with every layer forced onto one path (whatever its density). */
export const wasmNetwork = (layerSizes: readonly number[], maxBatch: number, path: 'dense' | 'sparse'): WasmMlpNetwork =>
  createWasmNetwork(mlpKernelsModule(), layerSizes, maxBatch, { sparseBelowDensity: path === 'dense' ? 0 : 2 });

export interface NetworkSetup {
  /** Fraction of each layer's weights kept. */
  densities: readonly number[];
  /** Rows (outputs) of layer 0 to prune entirely. */
  prunedRows?: readonly number[];
  seed: number;
}

/** Gaussian weights (scale 1/sqrt(inputs)) and biases, random masks; the same values in every network given. */
export function setUpAlike(networks: readonly MlpNetwork[], { densities, prunedRows = [], seed }: NetworkSetup): void {
  const random = new RandomStream(seed);
  const { layerSizes } = networks[0];
  densities.forEach((density, layer) => {
    const inputs = layerSizes[layer];
    const weights = Float32Array.from({ length: inputs * layerSizes[layer + 1] }, () => random.nextGaussian() / Math.sqrt(inputs));
    const biases = Float32Array.from({ length: layerSizes[layer + 1] }, () => 0.1 * random.nextGaussian());
    const mask = Uint8Array.from(weights, () => (random.nextFloat() < density ? 1 : 0));
    if (layer === 0) for (const row of prunedRows) mask.fill(0, row * inputs, (row + 1) * inputs);
    for (const network of networks) {
      network.weights(layer).set(weights);
      network.biases(layer).set(biases);
      network.mask(layer).set(mask);
    }
  });
  for (const network of networks) network.masksChanged();
}

export interface Batch {
  inputs: Float32Array;
  labels: Uint8Array;
  count: number;
}

export function randomBatch(layerSizes: readonly number[], count: number, seed: number): Batch {
  const random = new RandomStream(seed);
  const classes = layerSizes[layerSizes.length - 1];
  return {
    inputs: Float32Array.from({ length: count * layerSizes[0] }, () => random.nextGaussian()),
    labels: Uint8Array.from({ length: count }, () => Math.floor(random.nextFloat() * classes)),
    count,
  };
}

export function maxAbs(values: ArrayLike<number>): number {
  let largest = 0;
  for (let index = 0; index < values.length; index++) largest = Math.max(largest, Math.abs(values[index]));
  return largest;
}

/** |actual - expected| <= relative · max|expected| element-wise (a scale-aware float32 comparison). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, relative: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: lengths`);
  const bound = relative * Math.max(maxAbs(expected), 1e-30);
  for (let index = 0; index < expected.length; index++) {
    const difference = Math.abs(actual[index] - expected[index]);
    assert.ok(difference <= bound, `${what}[${index}]: ${actual[index]} against ${expected[index]} (difference ${difference} > ${bound})`);
  }
}

/** Every entry the mask prunes is exactly 0 in `values`. */
export function assertZeroWherePruned(values: Float32Array, mask: Uint8Array, what: string): void {
  for (let index = 0; index < mask.length; index++) {
    if (mask[index] === 0) assert.ok(values[index] === 0, `${what}[${index}] is ${values[index]} but pruned`);
  }
}

export function layerIndices(network: MlpNetwork): number[] {
  return network.layerSizes.slice(1).map((_, layer) => layer);
}
