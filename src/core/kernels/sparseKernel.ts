// The hot step of training, behind one interface with two implementations: plain TypeScript
// (typescriptKernel.ts: the readable reference and the fallback) and WebAssembly SIMD built
// from AssemblyScript (wasmKernel.ts: 5-10x faster). Both read the same buffers, which the
// kernel itself allocates (the WASM one can only read its own linear memory).
import type { SparsityPattern } from '../model/sparseRows';
import type { BufferRequest, Buffers } from './kernelBuffers';

/** Samples start .. start+count-1 of a features-major matrix: feature f of sample n at f*stride + n. */
export interface SampleBlock {
  inputs: Float64Array;
  stride: number;
  start: number;
  count: number;
}

/** Scratch of a step, sized for the largest block: rows × count preactivations, count residuals. */
export interface StepScratch {
  preactivations: Float64Array;
  residuals: Float64Array;
}

export interface SparseKernel {
  readonly name: 'wasm' | 'typescript';
  /**
   * Reserves every buffer of one trial at once (typed-array entries are copied in). Buffers from
   * the previous call become invalid: one trial at a time per thread.
   */
  allocate<Request extends BufferRequest>(request: Request): Buffers<Request>;
  /**
   * Network outputs g(W; x_n) = (1/K) sum_j relu(z_jn) with z_jn = sum over row j's entries of
   * w_ji x_in, for the block's samples. z is written to preactivations (row j at j*count).
   */
  forward(pattern: SparsityPattern, values: Float64Array, block: SampleBlock, preactivations: Float64Array, outputs: Float64Array): void;
  /**
   * Returns the loss 1/(2 count) sum_n res_n^2, res_n = g(W; x_n) - labels[start+n], and writes
   * the masked gradient (1/(count K)) sum_n res_n 1[z_jn > 0] x_in, aligned with `values`.
   * The scratch's contents are overwritten.
   */
  lossAndGradient(
    pattern: SparsityPattern,
    values: Float64Array,
    block: SampleBlock,
    labels: Float64Array,
    scratch: StepScratch,
    gradient: Float64Array,
  ): number;
}

/**
 * Checks that every buffer is large enough for the call (O(1), allocation-free unless it throws):
 * a kernel must never read past a buffer (the WASM one would silently read its neighbour).
 * `labels` and `gradient` only for lossAndGradient.
 */
export function checkStepArguments(
  pattern: SparsityPattern,
  values: Float64Array,
  block: SampleBlock,
  preactivations: Float64Array,
  outputs: Float64Array,
  labels?: Float64Array,
  gradient?: Float64Array,
): void {
  const { inputs, stride, start, count } = block;
  const entries = pattern.rowStart[pattern.rowCount];
  if (!Number.isInteger(count) || count < 1) failStep(`block.count is ${count}, expected an integer >= 1`);
  if (!Number.isInteger(start) || start < 0 || start + count > stride) {
    failStep(`block samples ${start}..${start + count - 1} do not fit in rows of stride ${stride}`);
  }
  if (inputs.length < pattern.columnCount * stride) {
    failStep(`inputs has ${inputs.length} values, expected columnCount ${pattern.columnCount} × stride ${stride}`);
  }
  if (pattern.rowStart.length !== pattern.rowCount + 1 || !(pattern.columnIndex.length >= entries)) {
    failStep(`pattern arrays do not match rowCount ${pattern.rowCount}`);
  }
  if (values.length < entries) failStep(`values has ${values.length} entries, expected ${entries}`);
  if (preactivations.length < pattern.rowCount * count) {
    failStep(`preactivations has ${preactivations.length} values, expected rowCount × count = ${pattern.rowCount * count}`);
  }
  if (outputs.length < count) failStep(`outputs/residuals has ${outputs.length} values, expected count = ${count}`);
  if (labels && labels.length < start + count) failStep(`labels has ${labels.length} values, expected at least ${start + count}`);
  if (gradient && gradient.length < entries) failStep(`gradient has ${gradient.length} entries, expected ${entries}`);
}

function failStep(problem: string): never {
  throw new RangeError(`sparse kernel: ${problem}`);
}
