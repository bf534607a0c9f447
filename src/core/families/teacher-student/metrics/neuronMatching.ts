// The relative weight error up to neuron permutation, min over pi of |W - W*_pi|_F / |W*|_F
// (paper.md §3): the hidden neurons of a one-hidden-layer network can be listed in any order,
// so a student that recovered the teacher in another order has recovered it. Hungarian
// assignment on the K×K squared row distances, each a merge of two sparse rows; one matcher per
// trial keeps its scratch, so a descent can match every iteration without allocating more than
// the assignment's own arrays.
import { minimumCostAssignment } from '../../../linalg/assignment';
import type { SparseRows, SparsityPattern } from '../model/sparseRows';
import { alignTeacherToMask, type TeacherAlignment } from './weightError';

export interface NeuronMatch {
  /** Student row j is matched with teacher row teacherRowOf[j]. */
  teacherRowOf: Int32Array;
  relativeError: number;
}

export class NeuronMatcher {
  /**
   * Below this relative error under some permutation pi, pi is the minimizing one: any other
   * sigma moves at least two rows, so |W*_pi - W*_sigma| >= √2 · min_{a≠b} |w*_a - w*_b| =: gap,
   * and |W - W*_sigma| >= gap - |W - W*_pi| > |W - W*_pi| while |W - W*_pi| < gap / 2.
   * Infinite for K = 1; 0 when two teacher rows are equal (then no permutation is ever certain).
   */
  readonly certainBelow: number;
  private readonly squaredDistances: Float64Array;
  private readonly teacherSquaredNorm: number;

  constructor(
    private readonly teacher: SparseRows,
    private readonly mask: SparsityPattern,
  ) {
    const { rowCount } = teacher;
    this.squaredDistances = new Float64Array(rowCount * rowCount);
    // One running sum in row-major order, as over a dense K×d copy (the golden records hold its last bits).
    let teacherSquaredNorm = 0;
    for (let entry = 0; entry < teacher.rowStart[rowCount]; entry++) teacherSquaredNorm += teacher.values[entry] * teacher.values[entry];
    this.teacherSquaredNorm = teacherSquaredNorm;
    let closestRowsSquared = Infinity;
    for (let first = 0; first < rowCount; first++) {
      for (let second = first + 1; second < rowCount; second++) {
        closestRowsSquared = Math.min(closestRowsSquared, squaredRowDistance(teacher, teacher.values, first, teacher, teacher.values, second));
      }
    }
    this.certainBelow = Math.sqrt((2 * closestRowsSquared) / teacherSquaredNorm) / 2;
  }

  /** The best permutation for the student weights `values` (on the mask entries) and its relative error. */
  match(values: Float64Array): NeuronMatch {
    const { rowCount } = this.mask;
    const { squaredDistances, teacher } = this;
    for (let studentRow = 0; studentRow < rowCount; studentRow++) {
      for (let teacherRow = 0; teacherRow < rowCount; teacherRow++) {
        squaredDistances[studentRow * rowCount + teacherRow] = squaredRowDistance(this.mask, values, studentRow, teacher, teacher.values, teacherRow);
      }
    }
    const teacherRowOf = minimumCostAssignment(squaredDistances, rowCount);
    let total = 0;
    for (let studentRow = 0; studentRow < rowCount; studentRow++) total += squaredDistances[studentRow * rowCount + teacherRowOf[studentRow]];
    return { teacherRowOf, relativeError: Math.sqrt(total / this.teacherSquaredNorm) };
  }

  /** What the kernel compares each student row with under a permutation. */
  alignment(teacherRowOf: Int32Array): TeacherAlignment {
    return alignTeacherToMask(this.teacher, this.mask, teacherRowOf);
  }
}

/**
 * |a_row - b_row|² of two sparse rows, merged in column order: the same terms in the same order as
 * a dense loop over all columns (the columns neither row has add exact zeros), so the same bits,
 * at the cost of the two rows' entries rather than d.
 */
function squaredRowDistance(a: SparsityPattern, aValues: Float64Array, aRow: number, b: SparsityPattern, bValues: Float64Array, bRow: number): number {
  let aEntry = a.rowStart[aRow];
  let bEntry = b.rowStart[bRow];
  const aEnd = a.rowStart[aRow + 1];
  const bEnd = b.rowStart[bRow + 1];
  let sum = 0;
  while (aEntry < aEnd || bEntry < bEnd) {
    const aColumn = aEntry < aEnd ? a.columnIndex[aEntry] : Infinity;
    const bColumn = bEntry < bEnd ? b.columnIndex[bEntry] : Infinity;
    let difference: number;
    if (aColumn < bColumn) difference = aValues[aEntry++] - 0;
    else if (bColumn < aColumn) difference = 0 - bValues[bEntry++];
    else difference = aValues[aEntry++] - bValues[bEntry++];
    sum += difference * difference;
  }
  return sum;
}
