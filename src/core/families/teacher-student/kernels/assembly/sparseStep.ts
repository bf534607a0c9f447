// AssemblyScript, compiled to WebAssembly with 128-bit SIMD by scripts/build-wasm.mjs: the
// sparse training step of ../typescriptKernel.ts (same loops, two samples per f64x2 lane pair,
// four mask entries per pass). Arguments are byte addresses in this module's memory, where
// ../wasmKernel.ts lays out the buffers from heapBase() on. Not part of the project's TypeScript
// program: AssemblyScript has its own types (usize, v128, f64x2, ...), which this folder's
// tsconfig.json gives editors. Small helpers need no @inline: binaryen -O3 inlines them all.

/** First byte after the module's static data: buffers may start here. */
export function heapBase(): usize {
  return __heap_base;
}

function float64At(base: usize, index: i32): usize {
  return base + ((<usize>index) << 3);
}

function int32At(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

/** Address of the block's first sample of the feature that mask entry `entry` reads. */
function featureRow(inputs: usize, columnIndex: usize, entry: i32, stride: i32, start: i32): usize {
  const column = <usize>load<i32>(int32At(columnIndex, entry));
  return inputs + ((column * <usize>stride + <usize>start) << 3);
}

function computePreactivations(
  rowCount: i32, rowStart: usize, columnIndex: usize, values: usize,
  inputs: usize, stride: i32, start: i32, count: i32, preactivations: usize,
): void {
  const pairEnd = count & ~1;
  for (let row = 0; row < rowCount; row++) {
    const rowPreactivations = float64At(preactivations, row * count);
    memory.fill(rowPreactivations, 0, (<usize>count) << 3);
    let entry = load<i32>(int32At(rowStart, row));
    const entryEnd = load<i32>(int32At(rowStart, row + 1));
    // Four entries per pass over the row: a quarter of the loads and stores of z.
    for (; entry + 3 < entryEnd; entry += 4) {
      const weight0 = load<f64>(float64At(values, entry));
      const weight1 = load<f64>(float64At(values, entry + 1));
      const weight2 = load<f64>(float64At(values, entry + 2));
      const weight3 = load<f64>(float64At(values, entry + 3));
      const feature0 = featureRow(inputs, columnIndex, entry, stride, start);
      const feature1 = featureRow(inputs, columnIndex, entry + 1, stride, start);
      const feature2 = featureRow(inputs, columnIndex, entry + 2, stride, start);
      const feature3 = featureRow(inputs, columnIndex, entry + 3, stride, start);
      const weightPair0 = f64x2.splat(weight0);
      const weightPair1 = f64x2.splat(weight1);
      const weightPair2 = f64x2.splat(weight2);
      const weightPair3 = f64x2.splat(weight3);
      for (let sample = 0; sample < pairEnd; sample += 2) {
        const offset = (<usize>sample) << 3;
        let sum = v128.load(rowPreactivations + offset);
        sum = f64x2.add(sum, f64x2.mul(weightPair0, v128.load(feature0 + offset)));
        sum = f64x2.add(sum, f64x2.mul(weightPair1, v128.load(feature1 + offset)));
        sum = f64x2.add(sum, f64x2.mul(weightPair2, v128.load(feature2 + offset)));
        sum = f64x2.add(sum, f64x2.mul(weightPair3, v128.load(feature3 + offset)));
        v128.store(rowPreactivations + offset, sum);
      }
      if (pairEnd < count) {
        const offset = (<usize>pairEnd) << 3;
        let sum = load<f64>(rowPreactivations + offset);
        sum += weight0 * load<f64>(feature0 + offset);
        sum += weight1 * load<f64>(feature1 + offset);
        sum += weight2 * load<f64>(feature2 + offset);
        sum += weight3 * load<f64>(feature3 + offset);
        store<f64>(rowPreactivations + offset, sum);
      }
    }
    for (; entry < entryEnd; entry++) {
      const weight = load<f64>(float64At(values, entry));
      const feature = featureRow(inputs, columnIndex, entry, stride, start);
      const weightPair = f64x2.splat(weight);
      for (let sample = 0; sample < pairEnd; sample += 2) {
        const offset = (<usize>sample) << 3;
        const sum = f64x2.add(v128.load(rowPreactivations + offset), f64x2.mul(weightPair, v128.load(feature + offset)));
        v128.store(rowPreactivations + offset, sum);
      }
      if (pairEnd < count) {
        const offset = (<usize>pairEnd) << 3;
        store<f64>(rowPreactivations + offset, load<f64>(rowPreactivations + offset) + weight * load<f64>(feature + offset));
      }
    }
  }
}

/** outputs_n = (1/K) sum_j relu(z_jn). */
function computeOutputs(rowCount: i32, count: i32, preactivations: usize, outputs: usize): void {
  const pairEnd = count & ~1;
  const zero = f64x2.splat(0);
  memory.fill(outputs, 0, (<usize>count) << 3);
  for (let row = 0; row < rowCount; row++) {
    const rowPreactivations = float64At(preactivations, row * count);
    for (let sample = 0; sample < pairEnd; sample += 2) {
      const offset = (<usize>sample) << 3;
      // pmax(0, z) = 0 < z ? z : 0, i.e. relu.
      const rectified = f64x2.pmax(zero, v128.load(rowPreactivations + offset));
      v128.store(outputs + offset, f64x2.add(v128.load(outputs + offset), rectified));
    }
    if (pairEnd < count) {
      const offset = (<usize>pairEnd) << 3;
      const preactivation = load<f64>(rowPreactivations + offset);
      if (preactivation > 0) store<f64>(outputs + offset, load<f64>(outputs + offset) + preactivation);
    }
  }
  const secondLayerWeight = 1 / <f64>rowCount;
  const weightPair = f64x2.splat(secondLayerWeight);
  for (let sample = 0; sample < pairEnd; sample += 2) {
    const offset = (<usize>sample) << 3;
    v128.store(outputs + offset, f64x2.mul(v128.load(outputs + offset), weightPair));
  }
  if (pairEnd < count) {
    const offset = (<usize>pairEnd) << 3;
    store<f64>(outputs + offset, load<f64>(outputs + offset) * secondLayerWeight);
  }
}

function sumLanes(pair: v128): f64 {
  return f64x2.extract_lane(pair, 0) + f64x2.extract_lane(pair, 1);
}

export function forward(
  rowCount: i32, rowStart: usize, columnIndex: usize, values: usize,
  inputs: usize, stride: i32, start: i32, count: i32, preactivations: usize, outputs: usize,
): void {
  computePreactivations(rowCount, rowStart, columnIndex, values, inputs, stride, start, count, preactivations);
  computeOutputs(rowCount, count, preactivations, outputs);
}

export function lossAndGradient(
  rowCount: i32, rowStart: usize, columnIndex: usize, values: usize,
  inputs: usize, stride: i32, start: i32, count: i32, labels: usize,
  preactivations: usize, residuals: usize, gradient: usize,
): f64 {
  computePreactivations(rowCount, rowStart, columnIndex, values, inputs, stride, start, count, preactivations);
  computeOutputs(rowCount, count, preactivations, residuals);
  const pairEnd = count & ~1;
  const zero = f64x2.splat(0);
  const blockLabels = float64At(labels, start);
  let squaredSumPair = zero;
  for (let sample = 0; sample < pairEnd; sample += 2) {
    const offset = (<usize>sample) << 3;
    const residual = f64x2.sub(v128.load(residuals + offset), v128.load(blockLabels + offset));
    v128.store(residuals + offset, residual);
    squaredSumPair = f64x2.add(squaredSumPair, f64x2.mul(residual, residual));
  }
  let squaredResidualSum = sumLanes(squaredSumPair);
  if (pairEnd < count) {
    const offset = (<usize>pairEnd) << 3;
    const residual = load<f64>(residuals + offset) - load<f64>(blockLabels + offset);
    store<f64>(residuals + offset, residual);
    squaredResidualSum += residual * residual;
  }

  const gradientScale = 1 / (<f64>count * <f64>rowCount);
  for (let row = 0; row < rowCount; row++) {
    const masked = float64At(preactivations, row * count);
    // Reuse the preactivation row for res_n · 1[z_jn > 0] (the comparison gives an all-ones lane mask).
    for (let sample = 0; sample < pairEnd; sample += 2) {
      const offset = (<usize>sample) << 3;
      const active = f64x2.gt(v128.load(masked + offset), zero);
      v128.store(masked + offset, v128.and(v128.load(residuals + offset), active));
    }
    if (pairEnd < count) {
      const offset = (<usize>pairEnd) << 3;
      store<f64>(masked + offset, load<f64>(masked + offset) > 0 ? load<f64>(residuals + offset) : 0);
    }
    let entry = load<i32>(int32At(rowStart, row));
    const entryEnd = load<i32>(int32At(rowStart, row + 1));
    // Four dot products per pass: each masked-residual pair is loaded once for four features.
    for (; entry + 3 < entryEnd; entry += 4) {
      const feature0 = featureRow(inputs, columnIndex, entry, stride, start);
      const feature1 = featureRow(inputs, columnIndex, entry + 1, stride, start);
      const feature2 = featureRow(inputs, columnIndex, entry + 2, stride, start);
      const feature3 = featureRow(inputs, columnIndex, entry + 3, stride, start);
      let sum0 = zero;
      let sum1 = zero;
      let sum2 = zero;
      let sum3 = zero;
      for (let sample = 0; sample < pairEnd; sample += 2) {
        const offset = (<usize>sample) << 3;
        const residualPair = v128.load(masked + offset);
        sum0 = f64x2.add(sum0, f64x2.mul(residualPair, v128.load(feature0 + offset)));
        sum1 = f64x2.add(sum1, f64x2.mul(residualPair, v128.load(feature1 + offset)));
        sum2 = f64x2.add(sum2, f64x2.mul(residualPair, v128.load(feature2 + offset)));
        sum3 = f64x2.add(sum3, f64x2.mul(residualPair, v128.load(feature3 + offset)));
      }
      let dot0 = sumLanes(sum0);
      let dot1 = sumLanes(sum1);
      let dot2 = sumLanes(sum2);
      let dot3 = sumLanes(sum3);
      if (pairEnd < count) {
        const offset = (<usize>pairEnd) << 3;
        const residual = load<f64>(masked + offset);
        dot0 += residual * load<f64>(feature0 + offset);
        dot1 += residual * load<f64>(feature1 + offset);
        dot2 += residual * load<f64>(feature2 + offset);
        dot3 += residual * load<f64>(feature3 + offset);
      }
      store<f64>(float64At(gradient, entry), gradientScale * dot0);
      store<f64>(float64At(gradient, entry + 1), gradientScale * dot1);
      store<f64>(float64At(gradient, entry + 2), gradientScale * dot2);
      store<f64>(float64At(gradient, entry + 3), gradientScale * dot3);
    }
    for (; entry < entryEnd; entry++) {
      const feature = featureRow(inputs, columnIndex, entry, stride, start);
      let sum = zero;
      for (let sample = 0; sample < pairEnd; sample += 2) {
        const offset = (<usize>sample) << 3;
        sum = f64x2.add(sum, f64x2.mul(v128.load(masked + offset), v128.load(feature + offset)));
      }
      let dot = sumLanes(sum);
      if (pairEnd < count) {
        const offset = (<usize>pairEnd) << 3;
        dot += load<f64>(masked + offset) * load<f64>(feature + offset);
      }
      store<f64>(float64At(gradient, entry), gradientScale * dot);
    }
  }
  return squaredResidualSum / (2 * <f64>count);
}

export { descend } from './heavyBall';
export { fillGaussian, gaussianState, zigguratTables } from './gaussianFill';
