// How well a found mask M recovers the teacher's support Ω* (K rows each). Neurons have no
// order (the network sums them with equal weights), so rows are compared under the
// relabelling that matches them best:
//   overlap   = max over permutations π of Σ_j |M_j ∩ Ω*_π(j)|,
//   precision = overlap / Σ_j |M_j|   (the share of kept positions that are teacher positions),
//   recall    = overlap / Σ_j |Ω*_j|  (the share of teacher positions that were kept).
// A mask of r positions per row against a teacher of r per row has precision = recall.
import { minimumCostAssignment } from '../../../linalg/assignment';
import { rowSupport, type SparsityPattern } from '../model/sparseRows';

export interface MaskRecovery {
  precision: number;
  recall: number;
}

export function maskRecovery(found: SparsityPattern, teacher: SparsityPattern): MaskRecovery {
  const rows = teacher.rowCount;
  if (found.rowCount !== rows || found.columnCount !== teacher.columnCount) {
    throw new RangeError(`maskRecovery: found mask is ${found.rowCount}×${found.columnCount}, teacher ${rows}×${teacher.columnCount}`);
  }
  const foundSize = found.rowStart[rows];
  const teacherSize = teacher.rowStart[rows];
  if (foundSize === 0 || teacherSize === 0) throw new RangeError('maskRecovery: a mask without positions has no precision or recall');
  // The assignment minimizes, and wants costs >= 0: columnCount - overlap.
  const cost = new Float64Array(rows * rows);
  for (let foundRow = 0; foundRow < rows; foundRow++) {
    for (let teacherRow = 0; teacherRow < rows; teacherRow++) {
      cost[foundRow * rows + teacherRow] = teacher.columnCount - sortedOverlap(rowSupport(found, foundRow), rowSupport(teacher, teacherRow));
    }
  }
  const teacherRowOf = minimumCostAssignment(cost, rows);
  let overlap = 0;
  for (let foundRow = 0; foundRow < rows; foundRow++) overlap += teacher.columnCount - cost[foundRow * rows + teacherRowOf[foundRow]];
  return { precision: overlap / foundSize, recall: overlap / teacherSize };
}

/** Positions two ascending supports share. */
function sortedOverlap(left: Int32Array, right: Int32Array): number {
  let shared = 0;
  for (let leftAt = 0, rightAt = 0; leftAt < left.length && rightAt < right.length; ) {
    if (left[leftAt] === right[rightAt]) {
      shared++;
      leftAt++;
      rightAt++;
    } else if (left[leftAt] < right[rightAt]) leftAt++;
    else rightAt++;
  }
  return shared;
}
