// AssemblyScript: the dense layer products, all three as one register-blocked matrix product
// whose left operand is read one broadcast float at a time and whose right operand one row of
// vectors at a time. Activations are features-major ([feature][sample], samples padded to a
// multiple of 32), so the forward pass and the input gradient vectorize over samples; the weight
// gradient vectorizes over inputs and reads its layer's inputs batch-major ([sample][input]).
// The tile is 4 rows x 2 vectors (8 accumulators): measured against 2x4, 4x3, 3x4, 4x4, 6x2 and
// K-unrolled variants on the LeNet-300-100 shapes it was fastest (38-40 GFLOP/s on the project's
// machine; the larger tiles and the unrolled loops spill V8's 16 vector registers; without FMA in
// Node 20's WebAssembly, each multiply-add is two instructions). The loop is bound by instruction
// count, so the left operand is first packed into panels where a tile's 4 rows sit side by side
// ([k][4]): the 4 broadcasts then load at fixed offsets with no address arithmetic (the products
// 5-8% faster, 41-43 GFLOP/s; the dense LeNet step ~6% faster with the packing included). The
// right operand is packed too, into panels of one tile's 2 vectors ([k][8]): the tile then reads
// it contiguously instead of 2 vectors per row of a matrix whose rows are 512+ bytes apart, which
// missed the first-level cache (the products 8-12% faster, 45 GFLOP/s; the dense LeNet step and
// evaluation ~6-10% faster with the packing included; 2x4 tiles on [k][16] panels were no faster).
// Every sum still runs from its initial value through k = 0, 1, ... in order, so the products
// round exactly as before.
// Rows are always a multiple of 4: the host pads every [rows][...] buffer with zero rows.
import { transpose } from './layout';
import { dot } from './vectors';

/**
 * c[m][n] = init[m] + sum over k < depth of a(m, k) · b(k, n), for m < rows (a multiple of 4) and
 * n < columns (a multiple of 4); then ANDed with keep[m][n] (all-ones or zero lanes, c's layout)
 * when keep != 0. a(m, k) is the float at a + (m / 4)·aBlockStep + k·aDepthStep + 4·(m mod 4):
 * 4-row panels; b(k, n) is in the column panels packColumns writes; c[m][n] at c + m·cRowStep +
 * 4n; init[m] = rowInit[m], or 0 when rowInit == 0. Steps are in bytes.
 */
function multiply(
  rows: i32, columns: i32, depth: i32,
  a: usize, aBlockStep: usize, aDepthStep: usize,
  b: usize,
  c: usize, cRowStep: usize, rowInit: usize, keep: usize,
): void {
  const pairEnd = columns & ~7;
  const depthBytes = <usize>depth * aDepthStep;
  const pairPanelBytes = <usize>depth << 5;
  for (let row = 0; row < rows; row += 4) {
    const panel = a + (<usize>row >> 2) * aBlockStep;
    const panelEnd = panel + depthBytes;
    const init0 = rowInit ? v128.load32_splat(rowInit + (<usize>row << 2)) : f32x4.splat(0);
    const init1 = rowInit ? v128.load32_splat(rowInit + (<usize>row << 2), 4) : f32x4.splat(0);
    const init2 = rowInit ? v128.load32_splat(rowInit + (<usize>row << 2), 8) : f32x4.splat(0);
    const init3 = rowInit ? v128.load32_splat(rowInit + (<usize>row << 2), 12) : f32x4.splat(0);
    const cRows = c + <usize>row * cRowStep;
    let bAt = b;
    for (let column = 0; column < pairEnd; column += 8) {
      let sum00 = init0, sum01 = init0;
      let sum10 = init1, sum11 = init1;
      let sum20 = init2, sum21 = init2;
      let sum30 = init3, sum31 = init3;
      for (let aAt = panel; aAt < panelEnd; aAt += aDepthStep) {
        const b0 = v128.load(bAt);
        const b1 = v128.load(bAt, 16);
        let weight = v128.load32_splat(aAt);
        sum00 = f32x4.add(sum00, f32x4.mul(weight, b0));
        sum01 = f32x4.add(sum01, f32x4.mul(weight, b1));
        weight = v128.load32_splat(aAt, 4);
        sum10 = f32x4.add(sum10, f32x4.mul(weight, b0));
        sum11 = f32x4.add(sum11, f32x4.mul(weight, b1));
        weight = v128.load32_splat(aAt, 8);
        sum20 = f32x4.add(sum20, f32x4.mul(weight, b0));
        sum21 = f32x4.add(sum21, f32x4.mul(weight, b1));
        weight = v128.load32_splat(aAt, 12);
        sum30 = f32x4.add(sum30, f32x4.mul(weight, b0));
        sum31 = f32x4.add(sum31, f32x4.mul(weight, b1));
        bAt += 32;
      }
      const offset = <usize>column << 2;
      storeMasked(cRows + offset, sum00, keep, c);
      storeMasked(cRows + offset + 16, sum01, keep, c);
      storeMasked(cRows + cRowStep + offset, sum10, keep, c);
      storeMasked(cRows + cRowStep + offset + 16, sum11, keep, c);
      storeMasked(cRows + 2 * cRowStep + offset, sum20, keep, c);
      storeMasked(cRows + 2 * cRowStep + offset + 16, sum21, keep, c);
      storeMasked(cRows + 3 * cRowStep + offset, sum30, keep, c);
      storeMasked(cRows + 3 * cRowStep + offset + 16, sum31, keep, c);
    }
    if (pairEnd < columns) {
      // The one vector left over (columns = 4 mod 8), in a panel of single vectors ([k][4]) after the pairs.
      let sum0 = init0, sum1 = init1, sum2 = init2, sum3 = init3;
      bAt = b + (<usize>pairEnd >> 3) * pairPanelBytes;
      for (let aAt = panel; aAt < panelEnd; aAt += aDepthStep) {
        const b0 = v128.load(bAt);
        sum0 = f32x4.add(sum0, f32x4.mul(v128.load32_splat(aAt), b0));
        sum1 = f32x4.add(sum1, f32x4.mul(v128.load32_splat(aAt, 4), b0));
        sum2 = f32x4.add(sum2, f32x4.mul(v128.load32_splat(aAt, 8), b0));
        sum3 = f32x4.add(sum3, f32x4.mul(v128.load32_splat(aAt, 12), b0));
        bAt += 16;
      }
      const offset = <usize>pairEnd << 2;
      storeMasked(cRows + offset, sum0, keep, c);
      storeMasked(cRows + cRowStep + offset, sum1, keep, c);
      storeMasked(cRows + 2 * cRowStep + offset, sum2, keep, c);
      storeMasked(cRows + 3 * cRowStep + offset, sum3, keep, c);
    }
  }
}

/** Stores `value` at `at`, ANDed with the keep lanes at the same offset from `keep` as `at` from `base`. */
function storeMasked(at: usize, value: v128, keep: usize, base: usize): void {
  v128.store(at, keep ? v128.and(value, v128.load(keep + (at - base))) : value);
}

/** Copies rows < rowCount (a multiple of 4) of a [rowCount][width] matrix into 4-row panels [width][4], one after another. */
function packPanels(source: usize, sourceRowBytes: usize, rowCount: i32, width: i32, panels: usize): void {
  const panelBytes = <usize>width << 4;
  for (let row = 0; row < rowCount; row += 4) {
    transpose(source + <usize>row * sourceRowBytes, sourceRowBytes, 4, width, panels + (<usize>row >> 2) * panelBytes, 16);
  }
}

/**
 * Copies columns < columnCount (a multiple of 4) of a [depth][columnCount] matrix into column
 * panels, the layout multiply reads its right operand in: 8 columns at a time [depth][8], one
 * after another, then the 4 columns left over, if any, as [depth][4].
 */
function packColumns(source: usize, sourceRowBytes: usize, depth: i32, columnCount: i32, panels: usize): void {
  const pairEnd = columnCount & ~7;
  let to = panels;
  for (let column = 0; column < pairEnd; column += 8) {
    let from = source + (<usize>column << 2);
    for (let k = 0; k < depth; k++) {
      v128.store(to, v128.load(from));
      v128.store(to, v128.load(from, 16), 16);
      from += sourceRowBytes;
      to += 32;
    }
  }
  if (pairEnd < columnCount) {
    let from = source + (<usize>pairEnd << 2);
    for (let k = 0; k < depth; k++) {
      v128.store(to, v128.load(from));
      from += sourceRowBytes;
      to += 16;
    }
  }
}

/**
 * outputs[o][n] = biases[o] + sum_i weights[o][i] · inputs[i][n], for o < paddedOutputs and
 * n < paddedCount: features-major inputs and outputs (rows rowBytes apart). `panels` is scratch
 * for paddedOutputs · inputCount floats, `columnPanels` for inputCount · paddedCount.
 */
export function denseForward(
  paddedOutputs: i32, inputCount: i32, weights: usize, biases: usize,
  inputs: usize, outputs: usize, rowBytes: usize, paddedCount: i32, panels: usize, columnPanels: usize,
): void {
  packPanels(weights, <usize>inputCount << 2, paddedOutputs, inputCount, panels);
  packColumns(inputs, rowBytes, inputCount, paddedCount, columnPanels);
  multiply(paddedOutputs, paddedCount, inputCount, panels, <usize>inputCount << 4, 16, columnPanels, outputs, rowBytes, biases, 0);
}

/**
 * inputDeltas[i][n] = sum_o weights[o][i] · deltas[o][n], for i < paddedInputs and n < paddedCount
 * (features-major). Four consecutive inputs of a weight row already sit side by side: the
 * weights are their own panels. Rows i >= inputCount read past a weight row's end: they are
 * garbage, which the ReLU gate that follows clears (the padded activations are zero).
 * `columnPanels` is scratch for outputCount · paddedCount floats.
 */
export function denseInputGradient(
  paddedInputs: i32, inputCount: i32, outputCount: i32, weights: usize,
  deltas: usize, inputDeltas: usize, rowBytes: usize, paddedCount: i32, columnPanels: usize,
): void {
  packColumns(deltas, rowBytes, outputCount, paddedCount, columnPanels);
  multiply(paddedInputs, paddedCount, outputCount, weights, 16, <usize>inputCount << 2, columnPanels, inputDeltas, rowBytes, 0, 0);
}

/**
 * gradients[o][i] = keep[o][i] & sum_{n < count} deltas[o][n] · batchInputs[n][i], for
 * o < paddedOutputs: deltas features-major (rows rowBytes apart), batchInputs batch-major (rows
 * of inputCount floats), gradients and keep [out][in]. The inputCount mod 4 last columns, which no
 * whole vector covers, are dot products over the features-major inputs instead. `panels` is
 * scratch for paddedOutputs · count floats, `columnPanels` for count · inputCount.
 */
export function denseWeightGradient(
  paddedOutputs: i32, inputCount: i32, count: i32,
  deltas: usize, batchInputs: usize, inputs: usize, rowBytes: usize, paddedCount: i32,
  gradients: usize, keep: usize, panels: usize, columnPanels: usize,
): void {
  const gradientRowStep = <usize>inputCount << 2;
  const vectorColumns = inputCount & ~3;
  packPanels(deltas, rowBytes, paddedOutputs, count, panels);
  packColumns(batchInputs, gradientRowStep, count, vectorColumns, columnPanels);
  multiply(paddedOutputs, vectorColumns, count, panels, <usize>count << 4, 16, columnPanels, gradients, gradientRowStep, 0, keep);
  for (let row = 0; row < paddedOutputs; row++) {
    const deltaRow = deltas + <usize>row * rowBytes;
    for (let column = vectorColumns; column < inputCount; column++) {
      const position = (<usize>row * inputCount + column) << 2;
      const kept = load<u32>(keep + position) != 0;
      store<f32>(gradients + position, kept ? dot(deltaRow, inputs + <usize>column * rowBytes, paddedCount) : 0);
    }
  }
}
