// Buffer requests of a trial: every array is reserved in one call, because the WASM kernel's
// arrays are views into its linear memory, and growing that memory detaches all earlier views.

/** A buffer by type and length, or an array whose contents are copied in. */
export type BufferSpec = { float64: number } | { int32: number } | Float64Array | Int32Array;
export type BufferRequest = Record<string, BufferSpec>;
export type Buffers<Request extends BufferRequest> = {
  [Name in keyof Request]: Request[Name] extends { int32: number } | Int32Array ? Int32Array : Float64Array;
};

/** Offsets are multiples of 16 bytes (one v128) so SIMD loads of a buffer's start are aligned. */
const ALIGNMENT = 16;

interface PlacedBuffer {
  name: string;
  kind: 'float64' | 'int32';
  length: number;
  byteOffset: number;
  initial?: Float64Array | Int32Array;
}

/** Byte layout of a request from `baseOffset` on; `end` is the first byte after the last buffer. */
export function layoutBuffers(request: BufferRequest, baseOffset: number): { placed: PlacedBuffer[]; end: number } {
  const placed: PlacedBuffer[] = [];
  let offset = alignUp(baseOffset);
  for (const [name, spec] of Object.entries(request)) {
    const { kind, length, initial } = describe(name, spec);
    placed.push({ name, kind, length, byteOffset: offset, initial });
    offset = alignUp(offset + length * (kind === 'float64' ? 8 : 4));
  }
  return { placed, end: offset };
}

/** Views on `buffer` for a layout, with initial contents copied in and everything else zeroed. */
export function createViews<Request extends BufferRequest>(buffer: ArrayBuffer, placed: PlacedBuffer[]): Buffers<Request> {
  const views: Record<string, Float64Array | Int32Array> = {};
  for (const { name, kind, length, byteOffset, initial } of placed) {
    const view = kind === 'float64' ? new Float64Array(buffer, byteOffset, length) : new Int32Array(buffer, byteOffset, length);
    if (initial) view.set(initial);
    else view.fill(0);
    views[name] = view;
  }
  return views as Buffers<Request>;
}

/** Plain JS arrays for a request (the TypeScript kernel's memory). */
export function allocateSeparately<Request extends BufferRequest>(request: Request): Buffers<Request> {
  const views: Record<string, Float64Array | Int32Array> = {};
  for (const [name, spec] of Object.entries(request)) {
    const { kind, length, initial } = describe(name, spec);
    const array = kind === 'float64' ? new Float64Array(length) : new Int32Array(length);
    if (initial) array.set(initial);
    views[name] = array;
  }
  return views as Buffers<Request>;
}

function describe(name: string, spec: BufferSpec): { kind: 'float64' | 'int32'; length: number; initial?: Float64Array | Int32Array } {
  if (spec instanceof Float64Array) return { kind: 'float64', length: spec.length, initial: spec };
  if (spec instanceof Int32Array) return { kind: 'int32', length: spec.length, initial: spec };
  const kind = 'float64' in spec ? 'float64' : 'int32';
  const length = 'float64' in spec ? spec.float64 : spec.int32;
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`kernel buffer "${name}": length ${length}, expected a non-negative integer`);
  }
  return { kind, length };
}

function alignUp(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}
