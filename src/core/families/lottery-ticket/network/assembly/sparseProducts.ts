// AssemblyScript: the sparse layer products, whose work scales with the kept weights. Activations
// and deltas are features-major ([feature][sample], rows rowBytes apart, samples padded to a
// multiple of 32 with zero deltas), so one kept weight multiplies a contiguous vector of samples.
// Kept weights are listed per row ("lists": list r holds listIndex[listStart[r] ..
// listStart[r + 1])): per output row (CSR) for the forward pass and the weight gradient, per input
// column (CSC) for the input gradient, so that every product gathers into registers and stores
// each target row once instead of scattering into it.
import { sumLanes } from './vectors';

/** Samples per pass of gatherRows: 8 vectors, 8 independent accumulators (enough to hide the add latency). */
const CHUNK_BYTES: usize = 128;

/**
 * targets[r][n] = init[r] + sum over the list of r of weight(r, j) · sources[j][n], for r < rowCount
 * and n < paddedCount (a multiple of 32); weight(r, j) is the float at weights + r·weightRowStep +
 * j·weightIndexStep, init[r] = rowInit[r] or 0 when rowInit == 0. The forward pass uses the row
 * lists (r = output, j = input); the input gradient the column lists (r = input, j = output).
 */
export function gatherRows(
  rowCount: i32, listStart: usize, listIndex: usize,
  weights: usize, weightRowStep: usize, weightIndexStep: usize,
  sources: usize, targets: usize, rowBytes: usize, paddedCount: i32, rowInit: usize,
): void {
  const countBytes = <usize>paddedCount << 2;
  for (let row = 0; row < rowCount; row++) {
    const init = rowInit ? v128.load32_splat(rowInit + (<usize>row << 2)) : f32x4.splat(0);
    const rowWeights = weights + <usize>row * weightRowStep;
    const entryStart = load<i32>(listStart + (<usize>row << 2));
    const entryEnd = load<i32>(listStart + (<usize>row << 2), 4);
    const target = targets + <usize>row * rowBytes;
    for (let chunk: usize = 0; chunk < countBytes; chunk += CHUNK_BYTES) {
      let sum0 = init, sum1 = init, sum2 = init, sum3 = init;
      let sum4 = init, sum5 = init, sum6 = init, sum7 = init;
      for (let entry = entryStart; entry < entryEnd; entry++) {
        const index = <usize>load<i32>(listIndex + (<usize>entry << 2));
        const weight = v128.load32_splat(rowWeights + index * weightIndexStep);
        const source = sources + index * rowBytes + chunk;
        sum0 = f32x4.add(sum0, f32x4.mul(weight, v128.load(source)));
        sum1 = f32x4.add(sum1, f32x4.mul(weight, v128.load(source, 16)));
        sum2 = f32x4.add(sum2, f32x4.mul(weight, v128.load(source, 32)));
        sum3 = f32x4.add(sum3, f32x4.mul(weight, v128.load(source, 48)));
        sum4 = f32x4.add(sum4, f32x4.mul(weight, v128.load(source, 64)));
        sum5 = f32x4.add(sum5, f32x4.mul(weight, v128.load(source, 80)));
        sum6 = f32x4.add(sum6, f32x4.mul(weight, v128.load(source, 96)));
        sum7 = f32x4.add(sum7, f32x4.mul(weight, v128.load(source, 112)));
      }
      const at = target + chunk;
      v128.store(at, sum0);
      v128.store(at, sum1, 16);
      v128.store(at, sum2, 32);
      v128.store(at, sum3, 48);
      v128.store(at, sum4, 64);
      v128.store(at, sum5, 80);
      v128.store(at, sum6, 96);
      v128.store(at, sum7, 112);
    }
  }
}

/**
 * gradients[o·rowLength + i] = sum_n deltas[o][n] · inputs[i][n] for the kept (o, i) of the row
 * lists (pruned entries are not written: they stay at the zero the mask left). Eight kept weights
 * share each load of a delta vector, in 8 independent accumulators (10% faster than four weights
 * over two vectors; a four-weight pass for the remainder gained nothing measurable).
 */
export function sparseWeightGradient(
  rowCount: i32, listStart: usize, listIndex: usize,
  deltas: usize, inputs: usize, rowBytes: usize, paddedCount: i32,
  gradients: usize, rowLength: i32,
): void {
  const countBytes = <usize>paddedCount << 2;
  for (let row = 0; row < rowCount; row++) {
    const deltaRow = deltas + <usize>row * rowBytes;
    const gradientRow = gradients + ((<usize>row * <usize>rowLength) << 2);
    let entry = load<i32>(listStart + (<usize>row << 2));
    const entryEnd = load<i32>(listStart + (<usize>row << 2), 4);
    for (; entry + 7 < entryEnd; entry += 8) {
      const entryAt = listIndex + (<usize>entry << 2);
      const index0 = <usize>load<i32>(entryAt);
      const index1 = <usize>load<i32>(entryAt, 4);
      const index2 = <usize>load<i32>(entryAt, 8);
      const index3 = <usize>load<i32>(entryAt, 12);
      const index4 = <usize>load<i32>(entryAt, 16);
      const index5 = <usize>load<i32>(entryAt, 20);
      const index6 = <usize>load<i32>(entryAt, 24);
      const index7 = <usize>load<i32>(entryAt, 28);
      const input0 = inputs + index0 * rowBytes;
      const input1 = inputs + index1 * rowBytes;
      const input2 = inputs + index2 * rowBytes;
      const input3 = inputs + index3 * rowBytes;
      const input4 = inputs + index4 * rowBytes;
      const input5 = inputs + index5 * rowBytes;
      const input6 = inputs + index6 * rowBytes;
      const input7 = inputs + index7 * rowBytes;
      let sum0 = f32x4.splat(0), sum1 = f32x4.splat(0), sum2 = f32x4.splat(0), sum3 = f32x4.splat(0);
      let sum4 = f32x4.splat(0), sum5 = f32x4.splat(0), sum6 = f32x4.splat(0), sum7 = f32x4.splat(0);
      for (let offset: usize = 0; offset < countBytes; offset += 16) {
        const delta = v128.load(deltaRow + offset);
        sum0 = f32x4.add(sum0, f32x4.mul(delta, v128.load(input0 + offset)));
        sum1 = f32x4.add(sum1, f32x4.mul(delta, v128.load(input1 + offset)));
        sum2 = f32x4.add(sum2, f32x4.mul(delta, v128.load(input2 + offset)));
        sum3 = f32x4.add(sum3, f32x4.mul(delta, v128.load(input3 + offset)));
        sum4 = f32x4.add(sum4, f32x4.mul(delta, v128.load(input4 + offset)));
        sum5 = f32x4.add(sum5, f32x4.mul(delta, v128.load(input5 + offset)));
        sum6 = f32x4.add(sum6, f32x4.mul(delta, v128.load(input6 + offset)));
        sum7 = f32x4.add(sum7, f32x4.mul(delta, v128.load(input7 + offset)));
      }
      store<f32>(gradientRow + (index0 << 2), sumLanes(sum0));
      store<f32>(gradientRow + (index1 << 2), sumLanes(sum1));
      store<f32>(gradientRow + (index2 << 2), sumLanes(sum2));
      store<f32>(gradientRow + (index3 << 2), sumLanes(sum3));
      store<f32>(gradientRow + (index4 << 2), sumLanes(sum4));
      store<f32>(gradientRow + (index5 << 2), sumLanes(sum5));
      store<f32>(gradientRow + (index6 << 2), sumLanes(sum6));
      store<f32>(gradientRow + (index7 << 2), sumLanes(sum7));
    }
    for (; entry < entryEnd; entry++) {
      const index = <usize>load<i32>(listIndex + (<usize>entry << 2));
      const input = inputs + index * rowBytes;
      let sumA = f32x4.splat(0), sumB = f32x4.splat(0);
      for (let offset: usize = 0; offset < countBytes; offset += 32) {
        sumA = f32x4.add(sumA, f32x4.mul(v128.load(deltaRow + offset), v128.load(input + offset)));
        sumB = f32x4.add(sumB, f32x4.mul(v128.load(deltaRow + offset, 16), v128.load(input + offset, 16)));
      }
      store<f32>(gradientRow + (index << 2), sumLanes(f32x4.add(sumA, sumB)));
    }
  }
}
