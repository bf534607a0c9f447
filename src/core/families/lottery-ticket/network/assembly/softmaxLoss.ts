// AssemblyScript: softmax cross-entropy of the output layer, one sample at a time in float64
// (classes x samples exponentials: a few microseconds per batch, and it rounds like the
// TypeScript reference, which computes the loss in JS numbers too).

/**
 * Returns the sum over samples n < count of log(sum_c exp(z_c - max)) - (z_label - max), the
 * cross-entropy of softmax(logits[.][n]) at labels[n]; stores at correctOut (i32) how many argmax
 * predictions (ties: the lowest class) equal the label. When deltas != 0, also writes
 * (softmax - onehot) · deltaScale into deltas[.][n], and zeroes lanes count .. paddedCount so that
 * the padded samples add nothing to any gradient. Logits and deltas are features-major.
 */
export function softmaxCrossEntropy(
  logits: usize, classCount: i32, rowBytes: usize, count: i32, paddedCount: i32,
  labels: usize, deltas: usize, deltaScale: f64, correctOut: usize,
): f64 {
  let lossSum: f64 = 0;
  let correct: i32 = 0;
  for (let sample = 0; sample < count; sample++) {
    const lane = <usize>sample << 2;
    let predicted = 0;
    let maxLogit = <f64>load<f32>(logits + lane);
    for (let label = 1; label < classCount; label++) {
      const logit = <f64>load<f32>(logits + <usize>label * rowBytes + lane);
      if (logit > maxLogit) {
        maxLogit = logit;
        predicted = label;
      }
    }
    let expSum: f64 = 0;
    for (let label = 0; label < classCount; label++) expSum += Math.exp(<f64>load<f32>(logits + <usize>label * rowBytes + lane) - maxLogit);
    const target = <i32>load<u8>(labels + <usize>sample);
    lossSum += Math.log(expSum) - (<f64>load<f32>(logits + <usize>target * rowBytes + lane) - maxLogit);
    if (predicted == target) correct++;
    if (deltas) {
      for (let label = 0; label < classCount; label++) {
        const probability = Math.exp(<f64>load<f32>(logits + <usize>label * rowBytes + lane) - maxLogit) / expSum;
        store<f32>(deltas + <usize>label * rowBytes + lane, <f32>((probability - (label == target ? 1 : 0)) * deltaScale));
      }
    }
  }
  if (deltas && count < paddedCount) {
    for (let label = 0; label < classCount; label++) {
      memory.fill(deltas + <usize>label * rowBytes + (<usize>count << 2), 0, <usize>(paddedCount - count) << 2);
    }
  }
  store<i32>(correctOut, correct);
  return lossSum;
}
