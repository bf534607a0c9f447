// AssemblyScript: small vector helpers the kernels share.

/** sum_{n < count} x[n] · y[n], count a multiple of 4. */
export function dot(x: usize, y: usize, count: i32): f32 {
  let sum = f32x4.splat(0);
  for (let offset: usize = 0; offset < (<usize>count << 2); offset += 16) {
    sum = f32x4.add(sum, f32x4.mul(v128.load(x + offset), v128.load(y + offset)));
  }
  return sumLanes(sum);
}

/** The sum of a vector's 4 lanes, as (l0 + l1) + (l2 + l3). */
export function sumLanes(value: v128): f32 {
  return f32x4.extract_lane(value, 0) + f32x4.extract_lane(value, 1) + (f32x4.extract_lane(value, 2) + f32x4.extract_lane(value, 3));
}
