// Generalization error E_x (g(W; x) - g(W*; x))^2 and its relative version / E_x g(W*; x)^2
// (paper.md §3), estimated on test samples taken a chunk at a time, so the scratch stays
// K × chunk however large the test set is.
import type { TestBlocks } from '../model/sharedTestSet';
import type { SparseRows, SparsityPattern } from '../model/sparseRows';
import type { SparseKernel } from '../kernels/sparseKernel';

/** Kernel buffers for one chunk of test samples. */
export interface TestChunkBuffers {
  /** K × chunkCapacity. */
  preactivations: Float64Array;
  studentOutputs: Float64Array;
  teacherOutputs: Float64Array;
  chunkCapacity: number;
}

export interface GeneralizationEstimate {
  generalizationError: number;
  relativeGeneralizationError: number;
}

/** `testBlocks` hands out the test samples (kept in kernel memory, or drawn per chunk). */
export function estimateGeneralizationError(
  kernel: SparseKernel,
  student: { pattern: SparsityPattern; values: Float64Array },
  teacher: SparseRows,
  testBlocks: TestBlocks,
  testSamples: number,
  buffers: TestChunkBuffers,
): GeneralizationEstimate {
  const { preactivations, studentOutputs, teacherOutputs, chunkCapacity } = buffers;
  let squaredDifferenceSum = 0;
  let squaredTeacherSum = 0;
  for (let done = 0; done < testSamples; done += chunkCapacity) {
    const block = testBlocks.next(Math.min(chunkCapacity, testSamples - done));
    kernel.forward(student.pattern, student.values, block, preactivations, studentOutputs);
    kernel.forward(teacher, teacher.values, block, preactivations, teacherOutputs);
    for (let sample = 0; sample < block.count; sample++) {
      const difference = studentOutputs[sample] - teacherOutputs[sample];
      squaredDifferenceSum += difference * difference;
      squaredTeacherSum += teacherOutputs[sample] * teacherOutputs[sample];
    }
  }
  const generalizationError = squaredDifferenceSum / testSamples;
  return { generalizationError, relativeGeneralizationError: generalizationError / (squaredTeacherSum / testSamples) };
}
