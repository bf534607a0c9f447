// The WebAssembly pixel conversion against the JavaScript one it replaced: every pixel value,
// under several normalizations, must give the same float32 bits (the records of a run depend on
// the inputs to the last bit).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mlpKernelsModule } from '../../../../../src/core/families/lottery-ticket/network/createNetwork';
import { javascriptPixelConverter, wasmPixelConverter, type PixelConverter } from '../../../../../src/core/families/lottery-ticket/data/pixelConversion';
import { ensureWasmBuilt } from '../../../numerics/support';

before(ensureWasmBuilt);

/** [scale, offset] of no normalization, MNIST's, Fashion-MNIST's and an extreme one. */
const AFFINES: Array<[number, number]> = [
  [1 / 255, 0],
  [1 / (255 * 0.3081), -0.1307 / 0.3081],
  [1 / (255 * 0.353), -0.286 / 0.353],
  [1 / (255 * 0.0123), -0.5 / 0.0123],
];
/** All 256 values, then 7 more: the kernel's scalar tail after its 16-pixel vectors. */
const PIXELS = Uint8Array.from({ length: 263 }, (_, index) => (index * 97) % 256);

function converted(converter: PixelConverter, pixels: Uint8Array, scale: number, offset: number, to: number): Uint32Array {
  converter.staging(pixels.length).set(pixels);
  const out = new Float32Array(to + pixels.length);
  converter.convert(pixels.length, scale, offset, out, to);
  return new Uint32Array(out.buffer, to * 4, pixels.length);
}

test('WebAssembly and JavaScript convert every pixel value to the same float32 bits', () => {
  const wasm = wasmPixelConverter(mlpKernelsModule());
  const javascript = javascriptPixelConverter();
  for (const [scale, offset] of AFFINES) {
    assert.deepEqual(converted(wasm, PIXELS, scale, offset, 3), converted(javascript, PIXELS, scale, offset, 3), `scale ${scale}, offset ${offset}`);
  }
});

test('the values are pixel·scale + offset in float64, rounded once to float32 (float32 arithmetic would differ)', () => {
  const wasm = wasmPixelConverter(mlpKernelsModule());
  const [scale, offset] = AFFINES[1];
  const actual = new Float32Array(converted(wasm, PIXELS, scale, offset, 0).slice().buffer);
  PIXELS.forEach((pixel, index) => assert.equal(actual[index], Math.fround(pixel * scale + offset), `pixel ${pixel}`));
  const inFloat32 = (pixel: number) => Math.fround(Math.fround(pixel * Math.fround(scale)) + Math.fround(offset));
  assert.ok([...PIXELS].some((pixel, index) => inFloat32(pixel) !== actual[index]), 'this test cannot tell float64 from float32 arithmetic');
});

test('staging more pixels than before grows the memory and keeps converting right', () => {
  const wasm = wasmPixelConverter(mlpKernelsModule());
  const javascript = javascriptPixelConverter();
  const [scale, offset] = AFFINES[1];
  converted(wasm, PIXELS.subarray(0, 20), scale, offset, 0);
  const large = Uint8Array.from({ length: 3_000_000 + 5 }, (_, index) => (index * 31 + (index >> 8)) % 256);
  assert.deepEqual(converted(wasm, large, scale, offset, 1), converted(javascript, large, scale, offset, 1));
});
