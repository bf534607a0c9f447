// Accelerated (heavy-ball) gradient descent on the masked empirical risk, paper.md §2:
//   W(t+1) = W(t) - eta · M ⊙ grad f_{D_t}(W(t)) + beta · (W(t) - W(t-1)),  W(-1) = W(0).
// Weights live on the mask only (the masked gradient is the kernel's gradient on the mask
// entries). Stops after maxIterations or when |W(t+1) - W(t)|_F <= tolerance · |W(t)|_F.
// Allocates nothing per iteration; the update loop also measures the step and the aligned error.
import type { SparseKernel, StepScratch } from '../kernels/sparseKernel';
import type { SparsityPattern } from '../model/sparseRows';
import { alignedRelativeError, type TeacherAlignment } from '../metrics/weightError';
import type { BatchSchedule } from './batchSchedule';

/** Past this relative error the iteration has diverged (step size too large): stop early. */
const DIVERGENCE_LIMIT = 1e6;

export interface DescentOptions {
  stepSize: number;
  momentum: number;
  maxIterations: number;
  tolerance: number;
}

export interface DescentState {
  kernel: SparseKernel;
  mask: SparsityPattern;
  /** W(t) on the mask entries (kernel memory); holds the final weights on return. */
  weights: Float64Array;
  /** W(t-1) (kernel memory, same length); overwritten. */
  previousWeights: Float64Array;
  gradient: Float64Array;
  scratch: StepScratch;
  schedule: BatchSchedule;
  alignment: TeacherAlignment;
}

export interface DescentResult {
  iterations: number;
  /** Aligned relative error after t iterations, t = 0 .. iterations (length maxIterations + 1). */
  errorHistory: Float64Array;
}

export function heavyBallDescent(state: DescentState, options: DescentOptions): DescentResult {
  const { kernel, mask, weights, previousWeights, gradient, scratch, schedule, alignment } = state;
  const { stepSize, momentum, maxIterations, tolerance } = options;
  const { teacherOnMask, offMaskSquaredNorm, teacherSquaredNorm } = alignment;
  const errorHistory = new Float64Array(maxIterations + 1);
  errorHistory[0] = alignedRelativeError(weights, alignment);
  previousWeights.set(weights);
  let iterations = 0;
  while (iterations < maxIterations) {
    const { block, labels } = schedule.next();
    kernel.lossAndGradient(mask, weights, block, labels, scratch, gradient);
    let squaredStep = 0;
    let squaredWeightNorm = 0;
    let squaredDistance = offMaskSquaredNorm;
    for (let entry = 0; entry < weights.length; entry++) {
      const current = weights[entry];
      const next = current - stepSize * gradient[entry] + momentum * (current - previousWeights[entry]);
      previousWeights[entry] = current;
      weights[entry] = next;
      const step = next - current;
      squaredStep += step * step;
      squaredWeightNorm += current * current;
      const difference = next - teacherOnMask[entry];
      squaredDistance += difference * difference;
    }
    iterations++;
    const relativeError = Math.sqrt(squaredDistance / teacherSquaredNorm);
    errorHistory[iterations] = relativeError;
    if (!(relativeError < DIVERGENCE_LIMIT)) break;
    if (squaredStep <= tolerance * tolerance * squaredWeightNorm) break;
  }
  return { iterations, errorHistory };
}
