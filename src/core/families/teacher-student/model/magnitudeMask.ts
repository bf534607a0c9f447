// Masks found by magnitude pruning (paper.md §5, here in the teacher-student model): each row
// keeps its largest-magnitude weights. Pure functions of the weights, so a trial stays
// deterministic from its seed.
import { patternFromSupports, rowSupport, type SparsityPattern } from './sparseRows';

/**
 * Weights kept per row after each of `steps` pruning rounds, from `inputDim` (dense) down to
 * `target`: geometric, like iterative magnitude pruning's fixed fraction per round, the last
 * round exactly `target`. One step is one-shot pruning.
 */
export function keptPerRound(inputDim: number, target: number, steps: number): number[] {
  if (!Number.isInteger(target) || target < 1 || target > inputDim) throw new RangeError(`keptPerRound: target ${target}, expected an integer in [1, ${inputDim}]`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`keptPerRound: steps ${steps}, expected an integer >= 1`);
  return Array.from({ length: steps }, (_, round) => Math.max(target, Math.round(inputDim * (target / inputDim) ** ((round + 1) / steps))));
}

/**
 * The `keep` entries of each row of `pattern` with the largest |weight|, read from the dense
 * row-major `weights` (rowCount × columnCount). Ties go to the lower column; a NaN weight (a
 * diverged training) ranks below every number.
 */
export function keepLargestPerRow(pattern: SparsityPattern, weights: Float64Array, keep: number): SparsityPattern {
  const { rowCount, columnCount } = pattern;
  if (weights.length !== rowCount * columnCount) throw new RangeError(`keepLargestPerRow: ${weights.length} weights, expected ${rowCount} × ${columnCount}`);
  const supports: Int32Array[] = [];
  for (let row = 0; row < rowCount; row++) {
    const candidates = Array.from(rowSupport(pattern, row));
    if (keep < 1 || keep > candidates.length) throw new RangeError(`keepLargestPerRow: keep ${keep}, but row ${row} has ${candidates.length} entries`);
    const magnitude = (column: number) => {
      const value = Math.abs(weights[row * columnCount + column]);
      return Number.isNaN(value) ? -1 : value;
    };
    candidates.sort((left, right) => magnitude(right) - magnitude(left) || left - right);
    supports.push(Int32Array.from(candidates.slice(0, keep)).sort());
  }
  return patternFromSupports(supports, columnCount);
}

/** A dense row-major matrix with its rows moved: row `row` goes to row `destinationOf[row]`. */
export function moveRows(dense: Float64Array, columnCount: number, destinationOf: Int32Array): Float64Array {
  const moved = new Float64Array(dense.length);
  for (let row = 0; row < destinationOf.length; row++) moved.set(dense.subarray(row * columnCount, (row + 1) * columnCount), destinationOf[row] * columnCount);
  return moved;
}
