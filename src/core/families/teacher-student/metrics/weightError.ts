// Relative weight error |W - W*|_F / |W*|_F (paper.md §3) with student row j compared to a fixed
// teacher row (its own, or the one a permutation gives it): O(mask entries), what the kernel
// measures every iteration. The minimum over neuron permutations is neuronMatching.ts's.
import type { SparseRows, SparsityPattern } from '../model/sparseRows';

/** The teacher seen from the student's mask, precomputed once per trial. */
export interface TeacherAlignment {
  /** W*_ji at each mask entry (0 where the teacher has no weight). */
  teacherOnMask: Float64Array;
  /** Sum of W*_ji^2 over teacher entries outside the mask (the part the student cannot fit). */
  offMaskSquaredNorm: number;
  teacherSquaredNorm: number;
}

/** `teacherRowOf[j]` is the teacher row student row j is compared with; default: row j (the mask's own). */
export function alignTeacherToMask(teacher: SparseRows, mask: SparsityPattern, teacherRowOf?: Int32Array): TeacherAlignment {
  if (teacher.rowCount !== mask.rowCount || teacher.columnCount !== mask.columnCount) {
    throw new RangeError(
      `alignTeacherToMask: teacher is ${teacher.rowCount}×${teacher.columnCount}, mask is ${mask.rowCount}×${mask.columnCount}`,
    );
  }
  const teacherOnMask = new Float64Array(mask.rowStart[mask.rowCount]);
  let offMaskSquaredNorm = 0;
  let teacherSquaredNorm = 0;
  for (let entry = 0; entry < teacher.rowStart[teacher.rowCount]; entry++) teacherSquaredNorm += teacher.values[entry] * teacher.values[entry];
  for (let row = 0; row < mask.rowCount; row++) {
    const teacherRow = teacherRowOf ? teacherRowOf[row] : row;
    // Both supports are sorted: merge them.
    let maskEntry = mask.rowStart[row];
    const maskEnd = mask.rowStart[row + 1];
    for (let entry = teacher.rowStart[teacherRow]; entry < teacher.rowStart[teacherRow + 1]; entry++) {
      const column = teacher.columnIndex[entry];
      const value = teacher.values[entry];
      while (maskEntry < maskEnd && mask.columnIndex[maskEntry] < column) maskEntry++;
      if (maskEntry < maskEnd && mask.columnIndex[maskEntry] === column) teacherOnMask[maskEntry] = value;
      else offMaskSquaredNorm += value * value;
    }
  }
  return { teacherOnMask, offMaskSquaredNorm, teacherSquaredNorm };
}

/** |W - W*|_F / |W*|_F with student row j compared to the teacher row the alignment gave it. */
export function alignedRelativeError(values: Float64Array, alignment: TeacherAlignment): number {
  let squaredDistance = alignment.offMaskSquaredNorm;
  for (let entry = 0; entry < values.length; entry++) {
    const difference = values[entry] - alignment.teacherOnMask[entry];
    squaredDistance += difference * difference;
  }
  return Math.sqrt(squaredDistance / alignment.teacherSquaredNorm);
}
