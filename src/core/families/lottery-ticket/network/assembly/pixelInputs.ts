// AssemblyScript: pixel bytes into the networks' float32 inputs, ~170,000 images per network of a
// chain. x = pixel·scale + offset is computed in float64 and rounded to float32: the arithmetic of
// the JavaScript multiply-add stored into a Float32Array that this replaces, so both give the same
// bits (WebAssembly has no fused multiply-add to round differently). Two lanes of float64 at a
// time still run ~4x faster than the JavaScript loop.

/** out[n] = <f32>(pixels[n] · scale + offset) for n < count (pixels bytes, out float32). */
export function normalizePixels(pixels: usize, count: i32, scale: f64, offset: f64, out: usize): void {
  const scales = f64x2.splat(scale);
  const offsets = f64x2.splat(offset);
  const vectorEnd = <usize>count & ~15;
  for (let index: usize = 0; index < vectorEnd; index += 16) {
    const bytes = v128.load(pixels + index);
    const low = i16x8.extend_low_i8x16_u(bytes);
    const high = i16x8.extend_high_i8x16_u(bytes);
    const at = out + (index << 2);
    v128.store(at, normalizeFour(i32x4.extend_low_i16x8_u(low), scales, offsets));
    v128.store(at, normalizeFour(i32x4.extend_high_i16x8_u(low), scales, offsets), 16);
    v128.store(at, normalizeFour(i32x4.extend_low_i16x8_u(high), scales, offsets), 32);
    v128.store(at, normalizeFour(i32x4.extend_high_i16x8_u(high), scales, offsets), 48);
  }
  for (let index = vectorEnd; index < <usize>count; index++) {
    store<f32>(out + (index << 2), <f32>(<f64>load<u8>(pixels + index) * scale + offset));
  }
}

/** The four float32 values of four pixels (as i32 lanes): two float64 halves, demoted and joined. */
function normalizeFour(pixels: v128, scales: v128, offsets: v128): v128 {
  const low = f64x2.add(f64x2.mul(f64x2.convert_low_i32x4_u(pixels), scales), offsets);
  const high = f64x2.add(f64x2.mul(f64x2.convert_low_i32x4_u(v128.shuffle<i32>(pixels, pixels, 2, 3, 2, 3)), scales), offsets);
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
}
