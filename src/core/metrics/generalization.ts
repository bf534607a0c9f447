// Generalization error E_x (g(W; x) - g(W*; x))^2 and its relative version / E_x g(W*; x)^2
// (paper.md §3), estimated on fresh test samples drawn in chunks so memory stays
// d × chunk however large the test set is.
import type { InputSource } from '../model/gaussianInputs';
import type { SparseRows, SparsityPattern } from '../model/sparseRows';
import type { SparseKernel } from '../kernels/sparseKernel';

/** Kernel buffers for one chunk of test samples. */
export interface TestChunkBuffers {
  /** d × chunkCapacity, features-major with stride chunkCapacity. */
  inputs: Float64Array;
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

/**
 * `testInputs` draws the test samples; only the features either network reads need to be drawn
 * (the others do not change either output).
 */
export function estimateGeneralizationError(
  kernel: SparseKernel,
  student: { pattern: SparsityPattern; values: Float64Array },
  teacher: SparseRows,
  testInputs: InputSource,
  testSamples: number,
  buffers: TestChunkBuffers,
): GeneralizationEstimate {
  const { inputs, preactivations, studentOutputs, teacherOutputs, chunkCapacity } = buffers;
  let squaredDifferenceSum = 0;
  let squaredTeacherSum = 0;
  for (let done = 0; done < testSamples; done += chunkCapacity) {
    const count = Math.min(chunkCapacity, testSamples - done);
    testInputs.drawNext(inputs, chunkCapacity, count);
    const block = { inputs, stride: chunkCapacity, start: 0, count };
    kernel.forward(student.pattern, student.values, block, preactivations, studentOutputs);
    kernel.forward(teacher, teacher.values, block, preactivations, teacherOutputs);
    for (let sample = 0; sample < count; sample++) {
      const difference = studentOutputs[sample] - teacherOutputs[sample];
      squaredDifferenceSum += difference * difference;
      squaredTeacherSum += teacherOutputs[sample] * teacherOutputs[sample];
    }
  }
  const generalizationError = squaredDifferenceSum / testSamples;
  return { generalizationError, relativeGeneralizationError: generalizationError / (squaredTeacherSum / testSamples) };
}
