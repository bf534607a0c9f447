// Accelerated (heavy-ball) gradient descent on the masked empirical risk, paper.md §2:
//   W(t+1) = W(t) - eta · M ⊙ grad f_{D_t}(W(t)) + beta · (W(t) - W(t-1)),  W(-1) = W(0).
// Weights live on the mask only (the masked gradient is the kernel's gradient on the mask
// entries). Stops after maxIterations or when |W(t+1) - W(t)|_F <= tolerance · |W(t)|_F. The
// iterations themselves run inside the kernel (SparseKernel.descend): for full batches and
// sample splitting in one call, for mini-batches one call per gathered batch.
//
// The error history is the relative weight error up to neuron permutation at every iteration,
// like the final error (a dense student may recover the teacher's neurons in another order).
// The kernel measures it against one permutation; while no permutation is certain (see
// NeuronMatcher.certainBelow) the descent goes one iteration per call and each iterate is
// matched afresh, the kernel following the best permutation; once one is certain (typically long
// before the linear phase: the radius is ~0.45 for five unit-norm rows in general position), the
// remaining iterations run in one call against it. An iterate that leaves the certain ball again
// (a diverging descent) is still measured against that permutation: an upper bound.
import type { DescentBuffers, DescentSettings, SparseKernel } from '../kernels/sparseKernel';
import type { NeuronMatcher } from '../metrics/neuronMatching';
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
  /** The teacher aligned to the mask row by row (buffers.teacherOnMask holds its teacherOnMask). */
  alignment: TeacherAlignment;
  matcher: NeuronMatcher;
}

export interface DescentResult {
  iterations: number;
  /** Relative error up to permutation after t iterations, t = 0 .. iterations (buffers.errorHistory). */
  errorHistory: Float64Array;
}

export function heavyBallDescent(state: DescentState, options: DescentOptions): DescentResult {
  const { kernel, buffers, schedule, matcher } = state;
  const { maxIterations } = options;
  const settingsFor = (alignment: TeacherAlignment): DescentSettings => ({
    ...options,
    offMaskSquaredNorm: alignment.offMaskSquaredNorm,
    teacherSquaredNorm: alignment.teacherSquaredNorm,
  });
  let settings = settingsFor(state.alignment);
  let teacherRowOf: Int32Array | undefined; // undefined: row j against teacher row j
  let certain = false;
  /** Matches the iterate after `iteration` iterations; the kernel's value stands when its permutation is the best. */
  const matchIterate = (iteration: number): void => {
    const best = matcher.match(buffers.weights);
    if (!samePermutation(best.teacherRowOf, teacherRowOf)) {
      teacherRowOf = best.teacherRowOf;
      const alignment = matcher.alignment(teacherRowOf);
      buffers.teacherOnMask.set(alignment.teacherOnMask);
      settings = settingsFor(alignment);
      buffers.errorHistory[iteration] = best.relativeError;
    }
    certain = buffers.errorHistory[iteration] < matcher.certainBelow;
  };

  buffers.errorHistory[0] = alignedRelativeError(buffers.weights, state.alignment);
  matchIterate(0);
  buffers.previousWeights.set(buffers.weights);
  let iterations = 0;
  while (iterations < maxIterations) {
    schedule.refill();
    const until = Math.min(maxIterations, iterations + (certain ? schedule.iterationsPerRefill : 1));
    const progress = kernel.descend(buffers, schedule.data, settings, iterations, until);
    iterations = progress.iterations;
    if (!certain) matchIterate(iterations);
    if (progress.stopped) break;
  }
  return { iterations, errorHistory: buffers.errorHistory };
}

/** Whether a permutation is `current` (undefined: the identity). */
function samePermutation(teacherRowOf: Int32Array, current: Int32Array | undefined): boolean {
  for (let row = 0; row < teacherRowOf.length; row++) if (teacherRowOf[row] !== (current ? current[row] : row)) return false;
  return true;
}
