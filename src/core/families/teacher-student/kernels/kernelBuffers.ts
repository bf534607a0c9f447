// Buffer requests of a trial: every array is reserved in one call, because the WASM kernel's
// arrays are views into its linear memory, and growing that memory detaches all earlier views.

/**
 * A buffer whose contents outlive the trial: the next allocate() that asks for the same key and
 * length gets it back untouched; `fill` writes it only when it is (re)created. For data shared by
 * every trial of an experiment (the test set), which would otherwise be copied in per trial.
 */
export interface KeptBufferSpec {
  float64: number;
  keepAs: string;
  fill(values: Float64Array): void;
}

/** A buffer by type and length, or an array whose contents are copied in, or a kept buffer. */
export type BufferSpec = { float64: number } | { int32: number } | Float64Array | Int32Array | KeptBufferSpec;
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
  kept?: KeptBufferSpec;
}

/**
 * Byte layout of a request from `baseOffset` on; `end` is the first byte after the last buffer.
 * Kept buffers come first, so that they stay in place whatever the trial's other buffers are.
 */
export function layoutBuffers(request: BufferRequest, baseOffset: number): { placed: PlacedBuffer[]; end: number } {
  const specs = Object.entries(request);
  const placed: PlacedBuffer[] = [];
  let offset = alignUp(baseOffset);
  for (const [name, spec] of [...specs.filter(([, spec]) => isKept(spec)), ...specs.filter(([, spec]) => !isKept(spec))]) {
    const described = describe(name, spec);
    placed.push({ name, ...described, byteOffset: offset });
    offset = alignUp(offset + described.length * (described.kind === 'float64' ? 8 : 4));
  }
  return { placed, end: offset };
}

/**
 * Views on `buffer` for a layout: initial contents copied in, kept buffers left as they were if
 * `keptBefore` (key -> placement, updated here) shows them in the same place, else filled, and
 * everything else zeroed.
 */
export function createViews<Request extends BufferRequest>(buffer: ArrayBuffer, placed: PlacedBuffer[], keptBefore: Map<string, string>): Buffers<Request> {
  const views: Record<string, Float64Array | Int32Array> = {};
  const keptNow = new Map<string, string>();
  for (const { name, kind, length, byteOffset, initial, kept } of placed) {
    const view = kind === 'float64' ? new Float64Array(buffer, byteOffset, length) : new Int32Array(buffer, byteOffset, length);
    if (initial) view.set(initial);
    else if (kept) {
      const placement = `${byteOffset}:${length}`;
      if (keptBefore.get(kept.keepAs) !== placement) kept.fill(view as Float64Array);
      keptNow.set(kept.keepAs, placement);
    } else view.fill(0);
    views[name] = view;
  }
  keptBefore.clear();
  for (const [key, placement] of keptNow) keptBefore.set(key, placement);
  return views as Buffers<Request>;
}

/** Plain JS arrays for a request (the TypeScript kernel's memory); `kept` holds the kept buffers between calls. */
export function allocateSeparately<Request extends BufferRequest>(request: Request, kept: Map<string, Float64Array>): Buffers<Request> {
  const views: Record<string, Float64Array | Int32Array> = {};
  const keptNow = new Map<string, Float64Array>();
  for (const [name, spec] of Object.entries(request)) {
    const described = describe(name, spec);
    let array: Float64Array | Int32Array;
    if (described.kept) {
      const previous = kept.get(described.kept.keepAs);
      array = previous?.length === described.length ? previous : new Float64Array(described.length);
      if (array !== previous) described.kept.fill(array);
      keptNow.set(described.kept.keepAs, array);
    } else {
      array = described.kind === 'float64' ? new Float64Array(described.length) : new Int32Array(described.length);
      if (described.initial) array.set(described.initial);
    }
    views[name] = array;
  }
  // Only this call's kept buffers stay alive (the memory bound of a kept buffer is per call).
  kept.clear();
  for (const [key, array] of keptNow) kept.set(key, array);
  return views as Buffers<Request>;
}

function isKept(spec: BufferSpec): spec is KeptBufferSpec {
  return 'keepAs' in spec;
}

function describe(
  name: string,
  spec: BufferSpec,
): { kind: 'float64' | 'int32'; length: number; initial?: Float64Array | Int32Array; kept?: KeptBufferSpec } {
  if (spec instanceof Float64Array) return { kind: 'float64', length: spec.length, initial: spec };
  if (spec instanceof Int32Array) return { kind: 'int32', length: spec.length, initial: spec };
  if (isKept(spec)) return { kind: 'float64', length: checkedLength(name, spec.float64), kept: spec };
  if ('float64' in spec) return { kind: 'float64', length: checkedLength(name, spec.float64) };
  return { kind: 'int32', length: checkedLength(name, spec.int32) };
}

function checkedLength(name: string, length: number): number {
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`kernel buffer "${name}": length ${length}, expected a non-negative integer`);
  }
  return length;
}

function alignUp(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}
