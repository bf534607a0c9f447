// AssemblyScript: the optimizer updates, in PyTorch's form. Dense: every entry, four per vector
// (pruned entries have zero gradient and zero state, so they compute w - 0 = 0 exactly). Sparse:
// only the kept entries of the row lists, one at a time (the update is a small part of a step,
// and it never touches a pruned weight or its state). The same float32 arithmetic either way.

/** v = momentum · v + g; w -= learningRate · v, for entries < count (PyTorch's SGD, no dampening). */
export function sgdDense(values: usize, gradients: usize, velocities: usize, count: i32, learningRate: f32, momentum: f32): void {
  const rate = f32x4.splat(learningRate);
  const decay = f32x4.splat(momentum);
  const vectorBytes = (<usize>count & ~3) << 2;
  for (let offset: usize = 0; offset < vectorBytes; offset += 16) {
    const velocity = f32x4.add(f32x4.mul(decay, v128.load(velocities + offset)), v128.load(gradients + offset));
    v128.store(velocities + offset, velocity);
    v128.store(values + offset, f32x4.sub(v128.load(values + offset), f32x4.mul(rate, velocity)));
  }
  for (let offset = vectorBytes; offset < (<usize>count << 2); offset += 4) sgdAt(values, gradients, velocities, offset, learningRate, momentum);
}

/** sgdDense on the kept entries (row lists) of a [rowCount][rowLength] matrix. */
export function sgdSparse(
  rowCount: i32, rowLength: i32, listStart: usize, listIndex: usize,
  values: usize, gradients: usize, velocities: usize, learningRate: f32, momentum: f32,
): void {
  for (let row = 0; row < rowCount; row++) {
    const rowOffset = (<usize>row * <usize>rowLength) << 2;
    const entryEnd = load<i32>(listStart + (<usize>row << 2), 4);
    for (let entry = load<i32>(listStart + (<usize>row << 2)); entry < entryEnd; entry++) {
      const offset = rowOffset + (<usize>load<i32>(listIndex + (<usize>entry << 2)) << 2);
      sgdAt(values, gradients, velocities, offset, learningRate, momentum);
    }
  }
}

function sgdAt(values: usize, gradients: usize, velocities: usize, offset: usize, learningRate: f32, momentum: f32): void {
  const velocity = momentum * load<f32>(velocities + offset) + load<f32>(gradients + offset);
  store<f32>(velocities + offset, velocity);
  store<f32>(values + offset, load<f32>(values + offset) - learningRate * velocity);
}

/**
 * PyTorch's Adam: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g²;
 * w -= stepSize · m / (sqrt(v) / secondMomentScale + epsilon), the bias corrections folded into
 * stepSize = lr / (1 - b1^t) and secondMomentScale = sqrt(1 - b2^t) by the host.
 */
export function adamDense(
  values: usize, gradients: usize, moments: usize, squares: usize, count: i32,
  stepSize: f32, beta1: f32, beta2: f32, secondMomentScale: f32, epsilon: f32,
): void {
  const step = f32x4.splat(stepSize);
  const decay1 = f32x4.splat(beta1);
  const decay2 = f32x4.splat(beta2);
  const rest1 = f32x4.splat(1 - beta1);
  const rest2 = f32x4.splat(1 - beta2);
  const scale = f32x4.splat(secondMomentScale);
  const floor = f32x4.splat(epsilon);
  const vectorBytes = (<usize>count & ~3) << 2;
  for (let offset: usize = 0; offset < vectorBytes; offset += 16) {
    const gradient = v128.load(gradients + offset);
    const moment = f32x4.add(f32x4.mul(decay1, v128.load(moments + offset)), f32x4.mul(rest1, gradient));
    const square = f32x4.add(f32x4.mul(decay2, v128.load(squares + offset)), f32x4.mul(f32x4.mul(rest2, gradient), gradient));
    v128.store(moments + offset, moment);
    v128.store(squares + offset, square);
    const denominator = f32x4.add(f32x4.div(f32x4.sqrt(square), scale), floor);
    v128.store(values + offset, f32x4.sub(v128.load(values + offset), f32x4.div(f32x4.mul(step, moment), denominator)));
  }
  for (let offset = vectorBytes; offset < (<usize>count << 2); offset += 4) {
    adamAt(values, gradients, moments, squares, offset, stepSize, beta1, beta2, secondMomentScale, epsilon);
  }
}

/** adamDense on the kept entries (row lists) of a [rowCount][rowLength] matrix. */
export function adamSparse(
  rowCount: i32, rowLength: i32, listStart: usize, listIndex: usize,
  values: usize, gradients: usize, moments: usize, squares: usize,
  stepSize: f32, beta1: f32, beta2: f32, secondMomentScale: f32, epsilon: f32,
): void {
  for (let row = 0; row < rowCount; row++) {
    const rowOffset = (<usize>row * <usize>rowLength) << 2;
    const entryEnd = load<i32>(listStart + (<usize>row << 2), 4);
    for (let entry = load<i32>(listStart + (<usize>row << 2)); entry < entryEnd; entry++) {
      const offset = rowOffset + (<usize>load<i32>(listIndex + (<usize>entry << 2)) << 2);
      adamAt(values, gradients, moments, squares, offset, stepSize, beta1, beta2, secondMomentScale, epsilon);
    }
  }
}

function adamAt(
  values: usize, gradients: usize, moments: usize, squares: usize, offset: usize,
  stepSize: f32, beta1: f32, beta2: f32, secondMomentScale: f32, epsilon: f32,
): void {
  const gradient = load<f32>(gradients + offset);
  const moment = beta1 * load<f32>(moments + offset) + (1 - beta1) * gradient;
  const square = beta2 * load<f32>(squares + offset) + (1 - beta2) * gradient * gradient;
  store<f32>(moments + offset, moment);
  store<f32>(squares + offset, square);
  store<f32>(values + offset, load<f32>(values + offset) - (stepSize * moment) / (Mathf.sqrt(square) / secondMomentScale + epsilon));
}
