// Choosing positions among d features without O(d) memory, and renumbering a network onto the
// features it uses: the same draws and the same numbers as the dense versions they replace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseDistinct, chooseDistinctBelow, range } from '../../../src/core/random/chooseDistinct';
import { RandomStream } from '../../../src/core/random/randomStream';
import { keepColumns, patternFromSupports, toDense, usedColumns } from '../../../src/core/families/teacher-student/model/sparseRows';

test('chooseDistinctBelow draws exactly what chooseDistinct over 0..size-1 draws, and leaves the stream in the same state', () => {
  for (const [size, count, seed] of [[1, 1, 1], [10, 10, 2], [50, 7, 3], [1000, 999, 4], [100_000, 30, 5], [7, 0, 6]]) {
    const dense = new RandomStream(seed);
    const sparse = new RandomStream(seed);
    assert.deepEqual(chooseDistinctBelow(sparse, size, count), chooseDistinct(dense, range(size), count), `size ${size}, count ${count}`);
    assert.equal(sparse.nextUint32(), dense.nextUint32(), 'the same number of draws');
  }
  const huge = chooseDistinctBelow(new RandomStream(9), 1_000_000_000, 5);
  assert.equal(new Set(huge).size, 5);
  assert.ok(huge.every((value, index) => value >= 0 && value < 1e9 && (index === 0 || value > huge[index - 1])), 'sorted, in range');
  assert.throws(() => chooseDistinctBelow(new RandomStream(1), 3, 4), /cannot choose 4 of 3/);
});

test('usedColumns is the sorted union of the patterns\' columns, and keepColumns renumbers onto it in order', () => {
  const teacher = patternFromSupports([Int32Array.of(3, 900_000_000), Int32Array.of(3, 17)], 1_000_000_000);
  const mask = patternFromSupports([Int32Array.of(3, 5, 900_000_000), Int32Array.of(17)], 1_000_000_000);
  const used = usedColumns(teacher, mask);
  assert.deepEqual([...used], [3, 5, 17, 900_000_000]);
  const kept = keepColumns(mask, used);
  assert.equal(kept.columnCount, 4);
  assert.deepEqual([...kept.columnIndex], [0, 1, 3, 2]);
  assert.deepEqual(kept.rowStart, mask.rowStart);
  const values = Float64Array.of(0.5, -1, 2, 4);
  assert.deepEqual([...toDense(kept, values)], [0.5, -1, 0, 2, 0, 0, 4, 0], 'the same values, in the same order, on the kept columns');
  assert.throws(() => keepColumns(mask, Int32Array.of(3, 5)), /column 900000000 is used but not kept/);
});
