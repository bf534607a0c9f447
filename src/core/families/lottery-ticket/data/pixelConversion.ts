// Pixel bytes into normalized float32 inputs, the bulk of a batch gather (~170,000 images per
// network of a chain). WebAssembly converts them ~4x faster than JavaScript (the family's kernel
// module, network/assembly/pixelInputs.ts, in an instance of its own); where the module cannot be
// instantiated JavaScript does, with the same float64 arithmetic rounded to float32, so both write
// the same bits. That failure needs no report of its own: the network built from the same module
// falls back too, and says why.
import { mlpKernelsModule } from '../network/createNetwork';

export interface PixelConverter {
  /** Room for `length` pixel bytes, which `convert` then reads. Valid until the next call. */
  staging(length: number): Uint8Array;
  /** out[to + n] = staged pixel n · scale + offset (in float64, then rounded to float32), for n < length. */
  convert(length: number, scale: number, offset: number, out: Float32Array, to: number): void;
}

interface PixelKernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  normalizePixels(pixels: number, count: number, scale: number, offset: number, out: number): void;
}

const PAGE_BYTES = 65536;
const ALIGNMENT = 64;

export function javascriptPixelConverter(): PixelConverter {
  let pixels = new Uint8Array(0);
  return {
    staging(length) {
      if (pixels.length < length) pixels = new Uint8Array(length);
      return pixels;
    },
    convert(length, scale, offset, out, to) {
      for (let index = 0; index < length; index++) out[to + index] = pixels[index] * scale + offset;
    },
  };
}

/** Pixels and floats in the instance's memory: [pixels: capacity bytes][floats: capacity], grown on demand. */
export function wasmPixelConverter(module: WebAssembly.Module): PixelConverter {
  const kernels = new WebAssembly.Instance(module, { env: { abort: () => { throw new Error('pixel conversion: aborted'); } } }).exports as unknown as PixelKernelExports;
  const pixelsAt = roundUp(kernels.heapBase(), ALIGNMENT);
  let capacity = 0;
  let floatsAt = 0;
  let pixels = new Uint8Array(0);
  let floats = new Float32Array(0);
  return {
    staging(length) {
      if (capacity < length) {
        capacity = length;
        floatsAt = pixelsAt + roundUp(capacity, ALIGNMENT);
        const end = floatsAt + capacity * 4;
        const { memory } = kernels;
        if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE_BYTES));
        // Growing replaced memory.buffer: views of the old one are empty now.
        pixels = new Uint8Array(memory.buffer, pixelsAt, capacity);
        floats = new Float32Array(memory.buffer, floatsAt, capacity);
      }
      return pixels;
    },
    convert(length, scale, offset, out, to) {
      kernels.normalizePixels(pixelsAt, length, scale, offset, floatsAt);
      out.set(floats.subarray(0, length), to);
    },
  };
}

let converter: PixelConverter | undefined;

/** This thread's converter: WebAssembly unless its module cannot be instantiated. */
export function pixelConverter(): PixelConverter {
  if (!converter) {
    try {
      converter = wasmPixelConverter(mlpKernelsModule());
    } catch {
      converter = javascriptPixelConverter();
    }
  }
  return converter;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
