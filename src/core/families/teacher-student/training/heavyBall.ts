// Accelerated (heavy-ball) gradient descent on the masked empirical risk, paper.md §2:
//   W(t+1) = W(t) - eta · M ⊙ grad f_{D_t}(W(t)) + beta · (W(t) - W(t-1)),  W(-1) = W(0).
// Weights live on the mask only (the masked gradient is the kernel's gradient on the mask
// entries). Stops after maxIterations or when |W(t+1) - W(t)|_F <= tolerance · |W(t)|_F. The
// iterations themselves run inside the kernel (SparseKernel.descend): for full batches and
// sample splitting in one call, for mini-batches one call per gathered batch.
import type { DescentBuffers, SparseKernel } from '../kernels/sparseKernel';
import { alignedRelativeError, type TeacherAlignment } from '../metrics/weightError';
import type { BatchSchedule } from './batchSchedule';

export interface DescentOptions {
  stepSize: number;
  momentum: number;
  maxIterations: number;
  tolerance: number;
}

export interface DescentState {
  kernel: SparseKernel;
  /** Kernel memory: weights hold W(0) on entry and the final weights on return; errorHistory has maxIterations + 1 values. */
  buffers: DescentBuffers;
  schedule: BatchSchedule;
  alignment: TeacherAlignment;
}

export interface DescentResult {
  iterations: number;
  /** Aligned relative error after t iterations, t = 0 .. iterations (buffers.errorHistory). */
  errorHistory: Float64Array;
}

export function heavyBallDescent(state: DescentState, options: DescentOptions): DescentResult {
  const { kernel, buffers, schedule, alignment } = state;
  const { maxIterations } = options;
  const settings = { ...options, offMaskSquaredNorm: alignment.offMaskSquaredNorm, teacherSquaredNorm: alignment.teacherSquaredNorm };
  buffers.errorHistory[0] = alignedRelativeError(buffers.weights, alignment);
  buffers.previousWeights.set(buffers.weights);
  let iterations = 0;
  while (iterations < maxIterations) {
    schedule.refill();
    const progress = kernel.descend(buffers, schedule.data, settings, iterations, Math.min(maxIterations, iterations + schedule.iterationsPerRefill));
    iterations = progress.iterations;
    if (progress.stopped) break;
  }
  return { iterations, errorHistory: buffers.errorHistory };
}
