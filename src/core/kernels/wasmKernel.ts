// The sparse step in WebAssembly SIMD (assembly/sparseStep.ts, built by scripts/build-wasm.mjs).
// Buffers live in the module's linear memory: allocate() lays a trial's buffers out from the
// module's heap base on (growing the memory once), and the calls pass their byte offsets.
import type { SparsityPattern } from '../model/sparseRows';
import { createViews, layoutBuffers, type BufferRequest, type Buffers } from './kernelBuffers';
import { checkStepArguments, type SampleBlock, type SparseKernel, type StepScratch } from './sparseKernel';

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
}

const PAGE_BYTES = 65536;

/** Instantiates the module (synchronously: fine in Node, and the module is ~2 kB). */
export function createWasmKernel(moduleBytes: Uint8Array<ArrayBuffer>): SparseKernel {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), {
    env: {
      abort: () => {
        throw new Error('wasm kernel: aborted');
      },
    },
  });
  const exports = instance.exports as unknown as SparseStepExports;
  const { memory } = exports;
  const heapBase = exports.heapBase();

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
      return createViews<Request>(memory.buffer as ArrayBuffer, placed);
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
  };
}
