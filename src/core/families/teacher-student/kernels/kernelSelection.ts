// Which kernel a trial uses: the WASM one whenever it can be instantiated, the TypeScript one
// otherwise (with the reason kept, so a run can say why it is slow).
import type { SparseKernel } from './sparseKernel';
import { typescriptKernel } from './typescriptKernel';
import { createWasmKernel } from './wasmKernel';
import { errorMessage } from '../../../../shared/errorMessage';

export interface KernelSelection {
  kernel: SparseKernel;
  /** Why the WASM kernel is not used; absent when it is. */
  fallbackReason?: string;
}

let selection: KernelSelection | undefined;

/** The WASM module's bytes, or an error saying what is missing. */
function loadWasmBytes(): Uint8Array<ArrayBuffer> {
  // Loaded lazily with require (bundled by esbuild, resolved by tsx): the generated module only
  // exists after `npm run build:wasm`, and a missing build should fall back, not fail to import.
  let generated: { sparseStepWasmBase64: string };
  try {
    generated = require('./generated/sparseStepWasm');
  } catch (error) {
    throw new Error(`src/core/families/teacher-student/kernels/generated/sparseStepWasm.ts is missing (run \`npm run build:wasm\`): ${String(error)}`);
  }
  return new Uint8Array(Buffer.from(generated.sparseStepWasmBase64, 'base64'));
}

/** The kernel this thread uses for training (chosen once, then cached). */
export function selectKernel(): KernelSelection {
  if (!selection) {
    try {
      selection = { kernel: createWasmKernel(loadWasmBytes()) };
    } catch (error) {
      selection = { kernel: typescriptKernel, fallbackReason: errorMessage(error) };
    }
  }
  return selection;
}

/** The WASM kernel, or an error explaining why it cannot be used (for tests and benchmarks). */
export function requireWasmKernel(): SparseKernel {
  const { kernel, fallbackReason } = selectKernel();
  if (kernel.name !== 'wasm') throw new Error(`WASM kernel unavailable: ${fallbackReason}`);
  return kernel;
}
