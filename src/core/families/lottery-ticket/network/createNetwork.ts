// Which MLP a training gets: the WebAssembly one unless asked otherwise or unless it cannot be
// instantiated, then the TypeScript one, with the reason kept (so a run can say why it is slow).
import type { MlpNetwork } from './mlpNetwork';
import { checkNetworkSizes } from './networkArguments';
import { createTypescriptNetwork } from './typescriptNetwork';
import { createWasmNetwork } from './wasmNetwork';
import { errorMessage } from '../../../../shared/errorMessage';

export type NetworkImplementation = 'wasm' | 'typescript';

/** The network itself, labelled with what runs it. */
export type CreatedNetwork = MlpNetwork & {
  readonly implementation: NetworkImplementation;
  /** Why the WASM network was asked for but not used; absent otherwise. */
  readonly fallbackReason?: string;
};

let compiledModule: WebAssembly.Module | undefined;

/** The compiled kernels (compiled once per thread; each network instantiates its own memory). */
export function mlpKernelsModule(): WebAssembly.Module {
  if (!compiledModule) {
    // Loaded lazily with require (bundled by esbuild, resolved by tsx): the generated module only
    // exists after `npm run build:wasm`, and a missing build should fall back, not fail to import.
    let generated: { mlpKernelsWasmBase64: string };
    try {
      generated = require('./generated/mlpKernelsWasm');
    } catch (error) {
      throw new Error(`src/core/families/lottery-ticket/network/generated/mlpKernelsWasm.ts is missing (run \`npm run build:wasm\`): ${String(error)}`);
    }
    compiledModule = new WebAssembly.Module(new Uint8Array(Buffer.from(generated.mlpKernelsWasmBase64, 'base64')));
  }
  return compiledModule;
}

/**
 * A network of `layerSizes` (e.g. [784, 300, 100, 10]) taking batches of up to `maxBatch` rows,
 * all weights and biases zero and all masks 1. Bad sizes throw; only a WASM failure falls back.
 */
export function createMlpNetwork(layerSizes: readonly number[], maxBatch: number, implementation: NetworkImplementation = 'wasm'): CreatedNetwork {
  checkNetworkSizes(layerSizes, maxBatch);
  if (implementation === 'typescript') return Object.assign(createTypescriptNetwork(layerSizes, maxBatch), { implementation });
  try {
    return Object.assign(createWasmNetwork(mlpKernelsModule(), layerSizes, maxBatch), { implementation });
  } catch (error) {
    return Object.assign(createTypescriptNetwork(layerSizes, maxBatch), { implementation: 'typescript' as const, fallbackReason: errorMessage(error) });
  }
}
