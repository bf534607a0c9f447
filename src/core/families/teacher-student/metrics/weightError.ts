// Relative weight error |W - W*|_F / |W*|_F (paper.md §3). During training it is measured with
// student row j against teacher row j (the mask of row j is built from teacher row j, so rows
// are aligned): O(mask entries) per iteration. After training, the reported error is the
// minimum over neuron permutations (Hungarian assignment on squared row distances).
import { minimumCostAssignment } from '../../../linalg/assignment';
import { toDense, type SparseRows, type SparsityPattern } from '../model/sparseRows';

/** The teacher seen from the student's mask, precomputed once per trial. */
export interface TeacherAlignment {
  /** W*_ji at each mask entry (0 where the teacher has no weight). */
  teacherOnMask: Float64Array;
  /** Sum of W*_ji^2 over teacher entries outside the mask (the part the student cannot fit). */
  offMaskSquaredNorm: number;
  teacherSquaredNorm: number;
}

export function alignTeacherToMask(teacher: SparseRows, mask: SparsityPattern): TeacherAlignment {
  if (teacher.rowCount !== mask.rowCount || teacher.columnCount !== mask.columnCount) {
    throw new RangeError(
      `alignTeacherToMask: teacher is ${teacher.rowCount}×${teacher.columnCount}, mask is ${mask.rowCount}×${mask.columnCount}`,
    );
  }
  const teacherOnMask = new Float64Array(mask.rowStart[mask.rowCount]);
  let offMaskSquaredNorm = 0;
  let teacherSquaredNorm = 0;
  for (let row = 0; row < teacher.rowCount; row++) {
    // Both supports are sorted: merge them.
    let maskEntry = mask.rowStart[row];
    const maskEnd = mask.rowStart[row + 1];
    for (let entry = teacher.rowStart[row]; entry < teacher.rowStart[row + 1]; entry++) {
      const column = teacher.columnIndex[entry];
      const value = teacher.values[entry];
      teacherSquaredNorm += value * value;
      while (maskEntry < maskEnd && mask.columnIndex[maskEntry] < column) maskEntry++;
      if (maskEntry < maskEnd && mask.columnIndex[maskEntry] === column) teacherOnMask[maskEntry] = value;
      else offMaskSquaredNorm += value * value;
    }
  }
  return { teacherOnMask, offMaskSquaredNorm, teacherSquaredNorm };
}

/** |W - W*|_F / |W*|_F with student row j compared to teacher row j. */
export function alignedRelativeError(values: Float64Array, alignment: TeacherAlignment): number {
  let squaredDistance = alignment.offMaskSquaredNorm;
  for (let entry = 0; entry < values.length; entry++) {
    const difference = values[entry] - alignment.teacherOnMask[entry];
    squaredDistance += difference * difference;
  }
  return Math.sqrt(squaredDistance / alignment.teacherSquaredNorm);
}

/** min over permutations pi of |W - W*_pi|_F / |W*|_F. */
export function permutationRelativeError(mask: SparsityPattern, values: Float64Array, teacher: SparseRows): number {
  const { squaredDistance, teacherSquaredNorm } = matchRowsToTeacher(mask, values, teacher);
  return Math.sqrt(squaredDistance / teacherSquaredNorm);
}

/** The permutation pi attaining that minimum (teacherRowOf[student row]), with |W - W*_pi|_F^2 and |W*|_F^2. */
export function matchRowsToTeacher(
  mask: SparsityPattern,
  values: Float64Array,
  teacher: SparseRows,
): { teacherRowOf: Int32Array; squaredDistance: number; teacherSquaredNorm: number } {
  const { rowCount, columnCount } = teacher;
  const student = toDense(mask, values);
  const target = toDense(teacher, teacher.values);
  const squaredDistances = new Float64Array(rowCount * rowCount);
  let teacherSquaredNorm = 0;
  for (let index = 0; index < target.length; index++) teacherSquaredNorm += target[index] * target[index];
  for (let studentRow = 0; studentRow < rowCount; studentRow++) {
    for (let teacherRow = 0; teacherRow < rowCount; teacherRow++) {
      let squaredDistance = 0;
      for (let column = 0; column < columnCount; column++) {
        const difference = student[studentRow * columnCount + column] - target[teacherRow * columnCount + column];
        squaredDistance += difference * difference;
      }
      squaredDistances[studentRow * rowCount + teacherRow] = squaredDistance;
    }
  }
  const teacherRowOf = minimumCostAssignment(squaredDistances, rowCount);
  let squaredDistance = 0;
  for (let studentRow = 0; studentRow < rowCount; studentRow++) squaredDistance += squaredDistances[studentRow * rowCount + teacherRowOf[studentRow]];
  return { teacherRowOf, squaredDistance, teacherSquaredNorm };
}
