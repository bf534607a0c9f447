// AssemblyScript, compiled to WebAssembly with 128-bit SIMD by scripts/build-wasm.mjs: the
// kernels of ../wasmNetwork.ts, which lays a network's buffers out in this module's memory from
// heapBase() on and calls these with their byte addresses (and the pixel conversion of
// ../../data/pixelConversion.ts, in an instance of its own). Not part of the project's TypeScript
// program: AssemblyScript has its own types (usize, v128, f32x4, ...), which this folder's
// tsconfig.json gives editors. Small helpers need no @inline: binaryen -O3 inlines them.

/** First byte after the module's static data: buffers may start here. */
export function heapBase(): usize {
  return __heap_base;
}

export { denseForward, denseInputGradient, denseWeightGradient } from './denseProducts';
export { gatherRows, sparseWeightGradient } from './sparseProducts';
export { clearLanes, gateByActivity, rectify, sumRows, transpose } from './layout';
export { softmaxCrossEntropy } from './softmaxLoss';
export { adamDense, adamSparse, sgdDense, sgdSparse } from './optimizers';
export { applyMask, buildColumnLists, buildRowLists } from './masks';
export { normalizePixels } from './pixelInputs';
