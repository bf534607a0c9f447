// `node --import tsx bench/mlpStep.ts` (after `npm run build:wasm`): milliseconds per training
// step of LeNet-300-100 ([784, 300, 100, 10], batch 128, SGD), WASM and TypeScript networks, one
// thread, at 100%, 20% and 5% of the weights (layerwise random masks; the output layer at the
// density Frankle & Carbin's rates give it: pruned 10% per round where the hidden layers lose 20%).
// The targets: dense within 2x PyTorch + OpenBLAS's ~2 ms; 5% at least 2x faster than PyTorch's
// dense-equivalent masked step (~2.3 ms), so <= ~1 ms.
// `--crossover`: instead, per layer, the step with that one layer sparse against all dense, at
// densities 10..60% (where the sparse products stop paying: SPARSE_BELOW_DENSITY in wasmNetwork.ts).
// Options: --repeats N (default 7; the median and the minimum are printed), --skip-typescript.
import { loadavg } from 'node:os';
import { mlpKernelsModule } from '../src/core/families/lottery-ticket/network/createNetwork';
import type { MlpNetwork } from '../src/core/families/lottery-ticket/network/mlpNetwork';
import { createTypescriptNetwork } from '../src/core/families/lottery-ticket/network/typescriptNetwork';
import { createWasmNetwork, type WasmNetworkOptions } from '../src/core/families/lottery-ticket/network/wasmNetwork';
import { RandomStream } from '../src/core/random/randomStream';

const LAYER_SIZES = [784, 300, 100, 10];
const BATCH = 128;
/** Distinct batches cycled through, so the caches see more than one batch's inputs. */
const BATCHES = 8;

function parseOptions(argv: string[]) {
  let repeats = 7;
  let skipTypescript = false;
  let crossover = false;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--repeats') {
      repeats = Number(argv[++index]);
      if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats ${argv[index]}: expected an integer >= 1`);
    } else if (argv[index] === '--skip-typescript') skipTypescript = true;
    else if (argv[index] === '--crossover') crossover = true;
    else throw new Error(`unknown option ${argv[index]}; expected --repeats N, --skip-typescript or --crossover`);
  }
  return { repeats, skipTypescript, crossover };
}

const random = new RandomStream(20240611);
const inputs = Array.from({ length: BATCHES }, () => Float32Array.from({ length: BATCH * LAYER_SIZES[0] }, () => random.nextFloat()));
const labels = Array.from({ length: BATCHES }, () => Uint8Array.from({ length: BATCH }, () => Math.floor(random.nextFloat() * 10)));

/** Kaiming-normal weights, zero biases, and each layer's mask keeping a random `densities[l]` of its weights. */
function prepare(network: MlpNetwork, densities: readonly number[]): void {
  densities.forEach((density, layer) => {
    const weights = network.weights(layer);
    const scale = Math.sqrt(2 / LAYER_SIZES[layer]);
    for (let index = 0; index < weights.length; index++) weights[index] = random.nextGaussian() * scale;
    const mask = network.mask(layer);
    for (let index = 0; index < mask.length; index++) mask[index] = random.nextFloat() < density ? 1 : 0;
  });
  network.masksChanged();
  network.setOptimizer({ kind: 'sgd', learningRate: 0.01, momentum: 0 });
}

/** Median and minimum over `repeats` of the mean ms per step of `steps` steps (after warm-up steps). */
function timeSteps(network: MlpNetwork, steps: number, repeats: number): { median: number; minimum: number } {
  for (let step = 0; step < Math.max(3, steps / 4); step++) network.trainStep(inputs[step % BATCHES], labels[step % BATCHES], BATCH);
  const samples: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const start = performance.now();
    for (let step = 0; step < steps; step++) network.trainStep(inputs[step % BATCHES], labels[step % BATCHES], BATCH);
    samples.push((performance.now() - start) / steps);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], minimum: samples[0] };
}

/** Hidden layers at `density`, the output layer at 0.9^k where 0.8^k = density. */
function lenetDensities(density: number): number[] {
  const rounds = Math.log(density) / Math.log(0.8);
  return [density, density, 0.9 ** rounds];
}

const wasm = (options?: WasmNetworkOptions) => createWasmNetwork(mlpKernelsModule(), LAYER_SIZES, BATCH, options);
const format = (value: number) => value.toFixed(value < 10 ? 2 : 1);

function stepTable(repeats: number, skipTypescript: boolean): void {
  console.log('| density (hidden / output) | WASM ms/step: median (min) | WASM layer paths | TypeScript ms/step: median (min) |');
  console.log('|---|---|---|---|');
  for (const density of [1, 0.2, 0.05]) {
    const densities = lenetDensities(density);
    const wasmNetwork = wasm();
    prepare(wasmNetwork, densities);
    const wasmTime = timeSteps(wasmNetwork, 200, repeats);
    let typescriptCell = 'skipped';
    if (!skipTypescript) {
      const typescriptNetwork = createTypescriptNetwork(LAYER_SIZES, BATCH);
      prepare(typescriptNetwork, densities);
      const typescriptTime = timeSteps(typescriptNetwork, density === 1 ? 4 : 10, Math.min(repeats, 3));
      typescriptCell = `${format(typescriptTime.median)} (${format(typescriptTime.minimum)})`;
    }
    const label = `${(100 * densities[0]).toFixed(0)}% / ${(100 * densities[2]).toFixed(0)}%`;
    console.log(`| ${label} | ${format(wasmTime.median)} (${format(wasmTime.minimum)}) | ${wasmNetwork.layerPaths().join(', ')} | ${typescriptCell} |`);
  }
}

function crossoverTable(repeats: number): void {
  console.log('| layer | density | all dense: ms/step | this layer sparse: ms/step |');
  console.log('|---|---|---|---|');
  for (let layer = 0; layer < LAYER_SIZES.length - 1; layer++) {
    for (const density of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) {
      const densities = LAYER_SIZES.slice(1).map((_, index) => (index === layer ? density : 1));
      // Threshold 1: only the layer below full density runs sparse; threshold 0: none does.
      const times = [0, 1].map((sparseBelowDensity) => {
        const network = wasm({ sparseBelowDensity });
        prepare(network, densities);
        return timeSteps(network, 100, repeats).minimum;
      });
      console.log(`| ${layer} (${LAYER_SIZES[layer + 1]}x${LAYER_SIZES[layer]}) | ${(100 * density).toFixed(0)}% | ${format(times[0])} | ${format(times[1])} |`);
    }
  }
}

const { repeats, skipTypescript, crossover } = parseOptions(process.argv.slice(2));
console.log(`LeNet-300-100, batch ${BATCH}, SGD, one thread; load average at start ${loadavg()[0].toFixed(2)}\n`);
if (crossover) crossoverTable(repeats);
else stepTable(repeats, skipTypescript);
console.log(`\nload average at end ${loadavg()[0].toFixed(2)}`);
