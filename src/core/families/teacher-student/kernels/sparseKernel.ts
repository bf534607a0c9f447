// The hot step of training, behind one interface with two implementations: plain TypeScript
// (typescriptKernel.ts: the readable reference and the fallback) and WebAssembly SIMD built
// from AssemblyScript (wasmKernel.ts: 5-10x faster). Both read the same buffers, which the
// kernel itself allocates (the WASM one can only read its own linear memory).
import type { SparsityPattern } from '../model/sparseRows';
import type { RandomStream } from '../../../random/randomStream';
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

/** Everything a heavy-ball descent reads and writes, all in kernel memory (see allocate()). */
export interface DescentBuffers {
  pattern: SparsityPattern;
  /** W(t) on the mask entries; holds the last iterate on return. */
  weights: Float64Array;
  /** W(t-1), same length. */
  previousWeights: Float64Array;
  gradient: Float64Array;
  scratch: StepScratch;
  /** W* at each mask entry (0 where the teacher has none), for the error history; row j holds the teacher row matched to student row j. */
  teacherOnMask: Float64Array;
  /** errorHistory[t]: the aligned relative error after t iterations (written for t > fromIteration). */
  errorHistory: Float64Array;
}

/**
 * The samples a descent iterates on: samples [0, stride) of `inputs` (features-major) cut into
 * `blockCount` contiguous blocks; iteration t uses block t mod blockCount, which is samples
 * floor(b·stride/B) .. floor((b+1)·stride/B) - 1. One block is the full batch.
 */
export interface DescentData {
  inputs: Float64Array;
  stride: number;
  labels: Float64Array;
  blockCount: number;
}

export interface DescentSettings {
  stepSize: number;
  momentum: number;
  tolerance: number;
  /** Sum of W*^2 over teacher entries outside the mask (the error the student cannot remove). */
  offMaskSquaredNorm: number;
  teacherSquaredNorm: number;
}

export interface DescentProgress {
  /** The iteration count reached. */
  iterations: number;
  /** A stopping rule (divergence, or a step below the tolerance) ended the descent. */
  stopped: boolean;
}

/** Past this relative error a descent has diverged (step size too large) and stops. */
export const DIVERGENCE_LIMIT = 1e6;

export interface SparseKernel {
  readonly name: 'wasm' | 'typescript';
  /**
   * Reserves every buffer of one trial at once (typed-array entries are copied in, kept buffers
   * carry their contents over from the previous call). Views from the previous call become
   * invalid: one trial at a time per thread.
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
  /**
   * Heavy-ball iterations fromIteration+1 .. toIteration (paper.md §2):
   *   W(t+1) = W(t) - eta · grad f_{D_t}(W(t)) + beta · (W(t) - W(t-1)),
   * stopping early when the aligned relative error reaches DIVERGENCE_LIMIT or
   * |W(t+1) - W(t)|_F <= tolerance · |W(t)|_F. Allocates nothing (except the returned progress).
   */
  descend(buffers: DescentBuffers, data: DescentData, settings: DescentSettings, fromIteration: number, toIteration: number): DescentProgress;
  /** target[offset .. offset+count) = the stream's next `count` Gaussians, exactly as stream.fillGaussian draws them. */
  fillGaussian(stream: RandomStream, target: Float64Array, offset: number, count: number): void;
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

/** Checks a descent's buffers against each other (O(1)); the step's own checks cover the rest. */
export function checkDescentArguments(buffers: DescentBuffers, data: DescentData, fromIteration: number, toIteration: number): void {
  const entries = buffers.pattern.rowStart[buffers.pattern.rowCount];
  const { stride, blockCount } = data;
  if (!Number.isInteger(blockCount) || blockCount < 1 || blockCount > stride) failStep(`blockCount is ${blockCount}, expected an integer in [1, ${stride}]`);
  if (!Number.isInteger(fromIteration) || fromIteration < 0 || !Number.isInteger(toIteration) || toIteration < fromIteration) {
    failStep(`iterations ${fromIteration}..${toIteration}, expected integers 0 <= from <= to`);
  }
  if (buffers.errorHistory.length < toIteration + 1) failStep(`errorHistory has ${buffers.errorHistory.length} values, expected toIteration + 1 = ${toIteration + 1}`);
  for (const name of ['previousWeights', 'teacherOnMask'] as const) {
    if (buffers[name].length < entries) failStep(`${name} has ${buffers[name].length} entries, expected ${entries}`);
  }
  // The largest block sets the scratch and label sizes the step checks.
  const largestBlock = Math.ceil(stride / blockCount);
  checkStepArguments(
    buffers.pattern,
    buffers.weights,
    { inputs: data.inputs, stride, start: stride - largestBlock, count: largestBlock },
    buffers.scratch.preactivations,
    buffers.scratch.residuals,
    data.labels,
    buffers.gradient,
  );
}
