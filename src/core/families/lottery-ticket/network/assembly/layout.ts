// AssemblyScript: the cheap passes between the products — ReLU and its gate, bias gradients, and
// the transposes between the caller's batch-major rows and the features-major activations.
// Features-major rows are rowBytes apart and hold paddedCount floats (a multiple of 32).
import { sumLanes } from './vectors';

/** values = max(0, values) as pmax(0, v) = (0 < v ? v : 0), in place, for rows < rowCount. */
export function rectify(values: usize, rowCount: i32, rowBytes: usize, paddedCount: i32): void {
  const zero = f32x4.splat(0);
  const countBytes = <usize>paddedCount << 2;
  for (let row = 0; row < rowCount; row++) {
    const rowAt = values + <usize>row * rowBytes;
    for (let offset: usize = 0; offset < countBytes; offset += 16) {
      v128.store(rowAt + offset, f32x4.pmax(zero, v128.load(rowAt + offset)));
    }
  }
}

/** deltas = 0 where activations <= 0 (relu'(z) with relu'(0) = 0), in place, for rows < rowCount. */
export function gateByActivity(deltas: usize, activations: usize, rowCount: i32, rowBytes: usize, paddedCount: i32): void {
  const zero = f32x4.splat(0);
  const countBytes = <usize>paddedCount << 2;
  for (let row = 0; row < rowCount; row++) {
    const deltaRow = deltas + <usize>row * rowBytes;
    const activationRow = activations + <usize>row * rowBytes;
    for (let offset: usize = 0; offset < countBytes; offset += 16) {
      const active = f32x4.gt(v128.load(activationRow + offset), zero);
      v128.store(deltaRow + offset, v128.and(v128.load(deltaRow + offset), active));
    }
  }
}

/** sums[r] = sum_n values[r][n] for r < rowCount (the bias gradient: padded samples have zero deltas). */
export function sumRows(values: usize, rowCount: i32, rowBytes: usize, paddedCount: i32, sums: usize): void {
  const countBytes = <usize>paddedCount << 2;
  for (let row = 0; row < rowCount; row++) {
    const rowAt = values + <usize>row * rowBytes;
    let sumA = f32x4.splat(0), sumB = f32x4.splat(0);
    for (let offset: usize = 0; offset < countBytes; offset += 32) {
      sumA = f32x4.add(sumA, v128.load(rowAt + offset));
      sumB = f32x4.add(sumB, v128.load(rowAt + offset, 16));
    }
    store<f32>(sums + (<usize>row << 2), sumLanes(f32x4.add(sumA, sumB)));
  }
}

/**
 * target[c][r] = source[r][c] for r < rowCount, c < columnCount (rows sourceRowBytes and
 * targetRowBytes apart), in 4x4 blocks transposed in registers; the edges element by element.
 */
export function transpose(source: usize, sourceRowBytes: usize, rowCount: i32, columnCount: i32, target: usize, targetRowBytes: usize): void {
  const rowEnd = rowCount & ~3;
  const columnEnd = columnCount & ~3;
  for (let row = 0; row < rowEnd; row += 4) {
    const sourceRow = source + <usize>row * sourceRowBytes;
    for (let column = 0; column < columnEnd; column += 4) {
      const from = sourceRow + (<usize>column << 2);
      const row0 = v128.load(from);
      const row1 = v128.load(from + sourceRowBytes);
      const row2 = v128.load(from + 2 * sourceRowBytes);
      const row3 = v128.load(from + 3 * sourceRowBytes);
      const low01 = v128.shuffle<f32>(row0, row1, 0, 4, 1, 5);
      const high01 = v128.shuffle<f32>(row0, row1, 2, 6, 3, 7);
      const low23 = v128.shuffle<f32>(row2, row3, 0, 4, 1, 5);
      const high23 = v128.shuffle<f32>(row2, row3, 2, 6, 3, 7);
      const to = target + <usize>column * targetRowBytes + (<usize>row << 2);
      v128.store(to, v128.shuffle<f32>(low01, low23, 0, 1, 4, 5));
      v128.store(to + targetRowBytes, v128.shuffle<f32>(low01, low23, 2, 3, 6, 7));
      v128.store(to + 2 * targetRowBytes, v128.shuffle<f32>(high01, high23, 0, 1, 4, 5));
      v128.store(to + 3 * targetRowBytes, v128.shuffle<f32>(high01, high23, 2, 3, 6, 7));
    }
  }
  for (let row = 0; row < rowCount; row++) {
    // Whole columns for the rows the blocks left out; only the last columnCount mod 4 for the others.
    for (let column = row < rowEnd ? columnEnd : 0; column < columnCount; column++) {
      store<f32>(target + <usize>column * targetRowBytes + (<usize>row << 2), load<f32>(source + <usize>row * sourceRowBytes + (<usize>column << 2)));
    }
  }
}

/** Zeroes lanes [from, to) of rows < rowCount: the padded samples of a features-major input. */
export function clearLanes(values: usize, rowCount: i32, rowBytes: usize, from: i32, to: i32): void {
  if (from >= to) return;
  for (let row = 0; row < rowCount; row++) {
    memory.fill(values + <usize>row * rowBytes + (<usize>from << 2), 0, <usize>(to - from) << 2);
  }
}
