// The sparse step in WebAssembly SIMD (assembly/sparseStep.ts, built by scripts/build-wasm.mjs).
// Buffers live in the module's linear memory: allocate() lays a trial's buffers out from the
// module's heap base on (growing the memory once), and the calls pass their byte offsets.
import type { SparsityPattern } from '../model/sparseRows';
import { ZIGGURAT_TABLES } from '../../../random/gaussianZiggurat';
import { createViews, layoutBuffers, type BufferRequest, type Buffers } from './kernelBuffers';
import { checkDescentArguments, checkStepArguments, type SampleBlock, type SparseKernel, type StepScratch } from './sparseKernel';

interface SparseStepExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  forward(
    rowCount: number, rowStart: number, columnIndex: number, values: number,
    inputs: number, stride: number, start: number, count: number, preactivations: number, outputs: number,
  ): void;
  lossAndGradient(
    rowCount: number, rowStart: number, columnIndex: number, values: number,
    inputs: number, stride: number, start: number, count: number, labels: number,
    preactivations: number, residuals: number, gradient: number,
  ): number;
  descend(
    rowCount: number, rowStart: number, columnIndex: number,
    weights: number, previousWeights: number, gradient: number,
    inputs: number, stride: number, labels: number, blockCount: number,
    preactivations: number, residuals: number,
    teacherOnMask: number, offMaskSquaredNorm: number, teacherSquaredNorm: number,
    stepSize: number, momentum: number, tolerance: number,
    errorHistory: number, fromIteration: number, toIteration: number,
  ): number;
  gaussianState(): number;
  zigguratTables(): number;
  fillGaussian(target: number, count: number): void;
}

const PAGE_BYTES = 65536;

/** Instantiates the module (synchronously: fine in Node, and the module is ~2 kB). */
export function createWasmKernel(moduleBytes: Uint8Array<ArrayBuffer>): SparseKernel {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), {
    env: {
      abort: () => {
        throw new Error('wasm kernel: aborted');
      },
      // The sampler's rare wedge and tail draws call the host's functions, to round as RandomStream does.
      exp: Math.exp,
      log: Math.log,
    },
  });
  const exports = instance.exports as unknown as SparseStepExports;
  const { memory } = exports;
  const { edge, height, fastRatio } = ZIGGURAT_TABLES;
  const tables = new Float64Array(memory.buffer, exports.zigguratTables(), edge.length + height.length + fastRatio.length);
  tables.set(edge);
  tables.set(height, edge.length);
  tables.set(fastRatio, edge.length + height.length);
  const heapBase = exports.heapBase();
  /** Where the last allocate() put its kept buffers (key -> placement): their contents carry over. */
  const keptPlacements = new Map<string, string>();

  /** Byte address of a buffer, which must be a view into this module's current memory. */
  function address(array: Float64Array | Int32Array, name: string): number {
    if (array.buffer !== memory.buffer) {
      throw new Error(`wasm kernel: ${name} is not a buffer from this kernel's allocate() (or was invalidated by a later allocate())`);
    }
    return array.byteOffset;
  }

  return {
    name: 'wasm',

    allocate<Request extends BufferRequest>(request: Request): Buffers<Request> {
      const { placed, end } = layoutBuffers(request, heapBase);
      const missingBytes = end - memory.buffer.byteLength;
      if (missingBytes > 0) memory.grow(Math.ceil(missingBytes / PAGE_BYTES));
      return createViews<Request>(memory.buffer as ArrayBuffer, placed, keptPlacements);
    },

    forward(pattern: SparsityPattern, values: Float64Array, block: SampleBlock, preactivations: Float64Array, outputs: Float64Array) {
      checkStepArguments(pattern, values, block, preactivations, outputs);
      exports.forward(
        pattern.rowCount, address(pattern.rowStart, 'rowStart'), address(pattern.columnIndex, 'columnIndex'), address(values, 'values'),
        address(block.inputs, 'inputs'), block.stride, block.start, block.count,
        address(preactivations, 'preactivations'), address(outputs, 'outputs'),
      );
    },

    lossAndGradient(pattern, values, block, labels, scratch: StepScratch, gradient) {
      checkStepArguments(pattern, values, block, scratch.preactivations, scratch.residuals, labels, gradient);
      return exports.lossAndGradient(
        pattern.rowCount, address(pattern.rowStart, 'rowStart'), address(pattern.columnIndex, 'columnIndex'), address(values, 'values'),
        address(block.inputs, 'inputs'), block.stride, block.start, block.count, address(labels, 'labels'),
        address(scratch.preactivations, 'preactivations'), address(scratch.residuals, 'residuals'), address(gradient, 'gradient'),
      );
    },

    descend(buffers, data, settings, fromIteration, toIteration) {
      checkDescentArguments(buffers, data, fromIteration, toIteration);
      const { pattern, scratch } = buffers;
      const reached = exports.descend(
        pattern.rowCount, address(pattern.rowStart, 'rowStart'), address(pattern.columnIndex, 'columnIndex'),
        address(buffers.weights, 'weights'), address(buffers.previousWeights, 'previousWeights'), address(buffers.gradient, 'gradient'),
        address(data.inputs, 'inputs'), data.stride, address(data.labels, 'labels'), data.blockCount,
        address(scratch.preactivations, 'preactivations'), address(scratch.residuals, 'residuals'),
        address(buffers.teacherOnMask, 'teacherOnMask'), settings.offMaskSquaredNorm, settings.teacherSquaredNorm,
        settings.stepSize, settings.momentum, settings.tolerance,
        address(buffers.errorHistory, 'errorHistory'), fromIteration, toIteration,
      );
      // The module returns the iterations reached, negated when a stopping rule fired.
      return { iterations: Math.abs(reached), stopped: reached < 0 };
    },

    fillGaussian(stream, target, offset, count) {
      if (!Number.isInteger(offset) || !Number.isInteger(count) || offset < 0 || count < 0 || offset + count > target.length) {
        throw new RangeError(`wasm kernel: fillGaussian of ${count} values at ${offset} does not fit in ${target.length}`);
      }
      // A view per call: growing the memory (allocate()) detaches earlier ones.
      const state = new Uint32Array(memory.buffer, exports.gaussianState(), 4);
      stream.saveState(state);
      exports.fillGaussian(address(target, 'target') + offset * Float64Array.BYTES_PER_ELEMENT, count);
      stream.restoreState(state);
    },
  };
}
