// AssemblyScript: the heavy-ball descent loop of ../../training/heavyBall.ts run inside the module,
// so that a training's iterations make one call instead of one per iteration. Per iteration
// the JavaScript loop cost more than the sparse step itself on small trainings, and it ran in
// cold (unoptimized) code for the first trainings of every fresh worker (BENCHMARKS.md). The
// update is the same scalar arithmetic in the same order as ../typescriptKernel.ts's descend.
import { lossAndGradient } from './sparseStep';

/** Past this relative error the iteration has diverged (step size too large): stop. The same limit as
 * DIVERGENCE_LIMIT in ../sparseKernel.ts (the TypeScript kernel's); a test checks both stop alike. */
const DIVERGENCE_LIMIT: f64 = 1e6;

/**
 * Iterations fromIteration+1 .. toIteration of W(t+1) = W(t) - eta·grad + beta·(W(t) - W(t-1)) on
 * the samples [0, stride) cut into blockCount contiguous blocks, iteration t using block
 * t mod blockCount (block b is [floor(b·stride/B), floor((b+1)·stride/B))). Writes the aligned
 * relative error after t iterations to errorHistory[t]. Returns the iterations reached, negated
 * when a stopping rule (divergence or |step| <= tolerance·|W|) ended the descent.
 */
export function descend(
  rowCount: i32, rowStart: usize, columnIndex: usize,
  weights: usize, previousWeights: usize, gradient: usize,
  inputs: usize, stride: i32, labels: usize, blockCount: i32,
  preactivations: usize, residuals: usize,
  teacherOnMask: usize, offMaskSquaredNorm: f64, teacherSquaredNorm: f64,
  stepSize: f64, momentum: f64, tolerance: f64,
  errorHistory: usize, fromIteration: i32, toIteration: i32,
): i32 {
  const entries = load<i32>(rowStart + ((<usize>rowCount) << 2));
  let block = fromIteration % blockCount;
  let iteration = fromIteration;
  while (iteration < toIteration) {
    const start = <i32>((<i64>block * <i64>stride) / <i64>blockCount);
    const end = <i32>((<i64>(block + 1) * <i64>stride) / <i64>blockCount);
    block = block + 1 == blockCount ? 0 : block + 1;
    lossAndGradient(rowCount, rowStart, columnIndex, weights, inputs, stride, start, end - start, labels, preactivations, residuals, gradient);
    let squaredStep: f64 = 0;
    let squaredWeightNorm: f64 = 0;
    let squaredDistance = offMaskSquaredNorm;
    for (let entry = 0; entry < entries; entry++) {
      const offset = (<usize>entry) << 3;
      const current = load<f64>(weights + offset);
      const next = current - stepSize * load<f64>(gradient + offset) + momentum * (current - load<f64>(previousWeights + offset));
      store<f64>(previousWeights + offset, current);
      store<f64>(weights + offset, next);
      const step = next - current;
      squaredStep += step * step;
      squaredWeightNorm += current * current;
      const difference = next - load<f64>(teacherOnMask + offset);
      squaredDistance += difference * difference;
    }
    iteration++;
    const relativeError = Math.sqrt(squaredDistance / teacherSquaredNorm);
    store<f64>(errorHistory + ((<usize>iteration) << 3), relativeError);
    if (!(relativeError < DIVERGENCE_LIMIT) || squaredStep <= tolerance * tolerance * squaredWeightNorm) return -iteration;
  }
  return iteration;
}
