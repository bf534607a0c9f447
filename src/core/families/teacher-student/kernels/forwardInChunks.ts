import type { SparsityPattern } from '../model/sparseRows';
import type { SparseKernel } from './sparseKernel';

/**
 * Network outputs for samples 0..sampleCount-1 of a features-major matrix, `chunkCapacity`
 * samples at a time, so the preactivation scratch stays K × chunkCapacity however many samples
 * there are (labels of a large training set, the final training loss).
 */
export function forwardInChunks(
  kernel: SparseKernel,
  pattern: SparsityPattern,
  values: Float64Array,
  inputs: Float64Array,
  sampleCount: number,
  preactivations: Float64Array,
  chunkCapacity: number,
  outputs: Float64Array,
): void {
  for (let start = 0; start < sampleCount; start += chunkCapacity) {
    const count = Math.min(chunkCapacity, sampleCount - start);
    kernel.forward(pattern, values, { inputs, stride: sampleCount, start, count }, preactivations, outputs.subarray(start, start + count));
  }
}
