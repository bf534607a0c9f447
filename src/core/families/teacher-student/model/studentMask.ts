// The student's mask M (paper.md §1). Student row j is built from teacher row j's support, so
// rows stay aligned with the teacher's: "accurate" = the support, plus `extraPerNeuron` random
// other positions (still accurate, costs samples), minus `missingPerNeuron` random teacher
// positions (inaccurate: an error floor). "dense" = all d positions (the unpruned baseline).
import { chooseDistinct, chooseDistinctBelow, range } from '../../../random/chooseDistinct';
import type { RandomStream } from '../../../random/randomStream';
import { patternFromSupports, rowSupport, type SparsityPattern } from './sparseRows';
import type { StudentMaskKind } from '../types';

export interface StudentMaskOptions {
  studentMask: StudentMaskKind;
  extraPerNeuron: number;
  missingPerNeuron: number;
}

export function buildStudentMask(teacher: SparsityPattern, options: StudentMaskOptions, random: RandomStream): SparsityPattern {
  const { studentMask, extraPerNeuron, missingPerNeuron } = options;
  const inputDim = teacher.columnCount;
  if (studentMask === 'dense') {
    if (extraPerNeuron !== 0 || missingPerNeuron !== 0) {
      throw new RangeError(
        `student mask: "dense" already holds all ${inputDim} positions; extraPerNeuron (${extraPerNeuron}) and missingPerNeuron (${missingPerNeuron}) must be 0`,
      );
    }
    const all = range(inputDim);
    return patternFromSupports(Array.from({ length: teacher.rowCount }, () => all), inputDim);
  }
  if (studentMask !== 'accurate') {
    throw new RangeError(`student mask: ${JSON.stringify(studentMask)}, expected "accurate" or "dense" (a "magnitude" mask is found by training: magnitudeTrial.ts)`);
  }
  const supports: Int32Array[] = [];
  for (let row = 0; row < teacher.rowCount; row++) {
    const teacherSupport = rowSupport(teacher, row);
    const nonzeros = teacherSupport.length;
    if (missingPerNeuron > nonzeros || nonzeros - missingPerNeuron + extraPerNeuron < 1) {
      throw new RangeError(
        `student mask: row ${row} has ${nonzeros} teacher positions; missingPerNeuron ${missingPerNeuron} with extraPerNeuron ${extraPerNeuron} leaves no weight (need missing <= r and r - missing + extra >= 1)`,
      );
    }
    if (extraPerNeuron > inputDim - nonzeros) {
      throw new RangeError(
        `student mask: extraPerNeuron ${extraPerNeuron} does not fit: inputDim ${inputDim} - nonzerosPerNeuron ${nonzeros} leaves ${inputDim - nonzeros} free positions`,
      );
    }
    const kept = chooseDistinct(random, teacherSupport, nonzeros - missingPerNeuron);
    const extra = nthFreeColumns(chooseDistinctBelow(random, inputDim - nonzeros, extraPerNeuron), teacherSupport);
    const support = new Int32Array(kept.length + extra.length);
    support.set(kept);
    support.set(extra, kept.length);
    supports.push(support.sort());
  }
  return patternFromSupports(supports, inputDim);
}

/**
 * The columns at the sorted `positions` of the list of columns not in the sorted `support` (what
 * chooseDistinct over that list would return), without building the list: O(r) per position.
 */
function nthFreeColumns(positions: Int32Array, support: Int32Array): Int32Array {
  return positions.map((position) => {
    let column = position;
    for (const taken of support) {
      if (taken > column) break;
      column++;
    }
    return column;
  });
}
