// The relative weight error up to neuron permutation, min over pi of |W - W*_pi|_F / |W*|_F
// (paper.md §3): the hidden neurons of a one-hidden-layer network can be listed in any order,
// so a student that recovered the teacher in another order has recovered it. Hungarian
// assignment on the K×K squared row distances; one matcher per trial keeps its scratch, so a
// descent can match every iteration without allocating more than the assignment's own arrays.
import { minimumCostAssignment } from '../../../linalg/assignment';
import { toDense, type SparseRows, type SparsityPattern } from '../model/sparseRows';
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
  private readonly denseTeacher: Float64Array;
  private readonly denseStudent: Float64Array;
  private readonly squaredDistances: Float64Array;
  private readonly teacherSquaredNorm: number;

  constructor(
    private readonly teacher: SparseRows,
    private readonly mask: SparsityPattern,
  ) {
    const { rowCount } = teacher;
    this.denseTeacher = toDense(teacher, teacher.values);
    this.denseStudent = new Float64Array(this.denseTeacher.length);
    this.squaredDistances = new Float64Array(rowCount * rowCount);
    let teacherSquaredNorm = 0;
    for (let index = 0; index < this.denseTeacher.length; index++) teacherSquaredNorm += this.denseTeacher[index] * this.denseTeacher[index];
    this.teacherSquaredNorm = teacherSquaredNorm;
    let closestRows = Infinity; // squared
    for (let first = 0; first < rowCount; first++) {
      for (let second = first + 1; second < rowCount; second++) closestRows = Math.min(closestRows, this.squaredRowDistance(this.denseTeacher, first, second));
    }
    this.certainBelow = Math.sqrt((2 * closestRows) / teacherSquaredNorm) / 2;
  }

  /** The best permutation for the student weights `values` (on the mask entries) and its relative error. */
  match(values: Float64Array): NeuronMatch {
    const { rowCount, columnCount, rowStart, columnIndex } = this.mask;
    const student = this.denseStudent;
    for (let row = 0; row < rowCount; row++) {
      for (let entry = rowStart[row]; entry < rowStart[row + 1]; entry++) student[row * columnCount + columnIndex[entry]] = values[entry];
    }
    for (let studentRow = 0; studentRow < rowCount; studentRow++) {
      for (let teacherRow = 0; teacherRow < rowCount; teacherRow++) {
        let squaredDistance = 0;
        for (let column = 0; column < columnCount; column++) {
          const difference = student[studentRow * columnCount + column] - this.denseTeacher[teacherRow * columnCount + column];
          squaredDistance += difference * difference;
        }
        this.squaredDistances[studentRow * rowCount + teacherRow] = squaredDistance;
      }
    }
    const teacherRowOf = minimumCostAssignment(this.squaredDistances, rowCount);
    let total = 0;
    for (let studentRow = 0; studentRow < rowCount; studentRow++) total += this.squaredDistances[studentRow * rowCount + teacherRowOf[studentRow]];
    return { teacherRowOf, relativeError: Math.sqrt(total / this.teacherSquaredNorm) };
  }

  /** What the kernel compares each student row with under a permutation. */
  alignment(teacherRowOf: Int32Array): TeacherAlignment {
    return alignTeacherToMask(this.teacher, this.mask, teacherRowOf);
  }

  private squaredRowDistance(dense: Float64Array, first: number, second: number): number {
    const { columnCount } = this.teacher;
    let squaredDistance = 0;
    for (let column = 0; column < columnCount; column++) squaredDistance += (dense[first * columnCount + column] - dense[second * columnCount + column]) ** 2;
    return squaredDistance;
  }
}

/** min over permutations pi of |W - W*_pi|_F / |W*|_F, once (a descent keeps its NeuronMatcher). */
export function permutationRelativeError(mask: SparsityPattern, values: Float64Array, teacher: SparseRows): number {
  return new NeuronMatcher(teacher, mask).match(values).relativeError;
}
