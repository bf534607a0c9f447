// Magnitude pruning's pure parts: which positions a row keeps, the kept counts of iterative
// pruning, and the precision and recall of a mask against the teacher's support, on masks
// written out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskRecovery } from '../../../../src/core/families/teacher-student/metrics/maskRecovery';
import { keepLargestPerRow, keptPerRound, moveRows } from '../../../../src/core/families/teacher-student/model/magnitudeMask';
import { patternFromSupports, rowSupport, type SparsityPattern } from '../../../../src/core/families/teacher-student/model/sparseRows';

const mask = (rows: number[][], columnCount = 12): SparsityPattern => patternFromSupports(rows.map((row) => Int32Array.from(row)), columnCount);
const rowsOf = (pattern: SparsityPattern) => Array.from({ length: pattern.rowCount }, (_, row) => Array.from(rowSupport(pattern, row)));

const teacher = mask([
  [0, 1, 2],
  [5, 6, 7],
]);

test('maskRecovery: the teacher support itself, with its neurons in either order, has precision and recall 1', () => {
  assert.deepEqual(maskRecovery(teacher, teacher), { precision: 1, recall: 1 });
  assert.deepEqual(maskRecovery(mask([[5, 6, 7], [0, 1, 2]]), teacher), { precision: 1, recall: 1 });
});

test('maskRecovery: a wrong position per row costs precision and recall alike when the sizes match', () => {
  assert.deepEqual(maskRecovery(mask([[0, 1, 9], [5, 6, 7]]), teacher), { precision: 5 / 6, recall: 5 / 6 });
  assert.deepEqual(maskRecovery(mask([[3, 4, 8], [9, 10, 11]]), teacher), { precision: 0, recall: 0 });
});

test('maskRecovery: a larger mask keeps every teacher position at lower precision; a smaller one the reverse', () => {
  assert.deepEqual(maskRecovery(mask([[0, 1, 2, 3], [5, 6, 7, 8]]), teacher), { precision: 6 / 8, recall: 1 });
  assert.deepEqual(maskRecovery(mask([[0, 1], [5, 9]]), teacher), { precision: 3 / 4, recall: 3 / 6 });
});

test('maskRecovery: rows are matched for the largest total overlap, not greedily row by row', () => {
  // Row 0 overlaps teacher row 0 by 3 and row 1 by 2; row 1 overlaps teacher row 0 by 3 and row 1 by 0.
  // Greedy: 3 + 0 = 3 shared positions; the best relabelling: 2 + 3 = 5.
  const found = mask([
    [0, 1, 2, 5, 6],
    [0, 1, 2, 9, 10],
  ]);
  assert.deepEqual(maskRecovery(found, teacher), { precision: 5 / 10, recall: 5 / 6 });
});

test('maskRecovery: refuses masks of other shapes, naming both', () => {
  assert.throws(() => maskRecovery(mask([[0]]), teacher), /found mask is 1×12, teacher 2×12/);
});

test('keepLargestPerRow: keeps each row\'s largest magnitudes among its entries, ties to the lower column, NaN last', () => {
  const columns = 5;
  // prettier-ignore
  const weights = Float64Array.from([
    0.1, -3, 2, 0.5, -2,       // row 0: |-3| > |2| = |-2| (tie: column 2 before 4)
    NaN, 0, 0.2, -0.1, 9,      // row 1: column 4 is outside the pattern
  ]);
  const pattern = mask([[0, 1, 2, 3, 4], [0, 1, 2, 3]], columns);
  assert.deepEqual(rowsOf(keepLargestPerRow(pattern, weights, 2)), [[1, 2], [2, 3]]);
  assert.deepEqual(rowsOf(keepLargestPerRow(pattern, weights, 4)), [[1, 2, 3, 4], [0, 1, 2, 3]]);
  assert.throws(() => keepLargestPerRow(pattern, weights, 5), /keep 5, but row 1 has 4 entries/);
});

test('keptPerRound: one round is one-shot; more fall geometrically from d and end at the target', () => {
  assert.deepEqual(keptPerRound(100, 10, 1), [10]);
  assert.deepEqual(keptPerRound(100, 10, 2), [32, 10]);
  assert.deepEqual(keptPerRound(100, 10, 3), [46, 22, 10]);
  assert.deepEqual(keptPerRound(20, 20, 2), [20, 20]);
  assert.throws(() => keptPerRound(20, 0, 1), /target 0, expected an integer in \[1, 20\]/);
});

test('moveRows: row i lands at destinationOf[i]', () => {
  const moved = moveRows(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, Int32Array.from([2, 0, 1]));
  assert.deepEqual(Array.from(moved), [3, 4, 5, 6, 1, 2]);
});
