// AssemblyScript: what masksChanged does to a layer — clear the pruned entries, derive the keep
// lanes the dense weight gradient ANDs with, and rebuild the row and column lists of the kept
// weights the sparse products walk.

/**
 * For entries < count of a [out][in] layer, whose mask values are 0 or 1 (the host checks): where
 * the mask is 0, zeroes the weight, its gradient and both optimizer moments and sets keep to 0;
 * where it is 1, sets keep to all ones. Returns the number kept.
 */
export function applyMask(mask: usize, count: i32, weights: usize, gradients: usize, moments: usize, squares: usize, keep: usize): i32 {
  let kept = 0;
  for (let index = 0; index < count; index++) {
    const offset = <usize>index << 2;
    if (load<u8>(mask + <usize>index)) {
      store<u32>(keep + offset, 0xffffffff);
      kept++;
      continue;
    }
    store<u32>(keep + offset, 0);
    store<f32>(weights + offset, 0);
    store<f32>(gradients + offset, 0);
    store<f32>(moments + offset, 0);
    store<f32>(squares + offset, 0);
  }
  return kept;
}

/** Row lists (CSR) of a [rowCount][columnCount] 0/1 mask: the kept columns of each row, ascending. */
export function buildRowLists(mask: usize, rowCount: i32, columnCount: i32, listStart: usize, listIndex: usize): void {
  let kept = 0;
  for (let row = 0; row < rowCount; row++) {
    store<i32>(listStart + (<usize>row << 2), kept);
    const maskRow = mask + <usize>row * <usize>columnCount;
    for (let column = 0; column < columnCount; column++) {
      if (load<u8>(maskRow + <usize>column)) {
        store<i32>(listIndex + (<usize>kept << 2), column);
        kept++;
      }
    }
  }
  store<i32>(listStart + (<usize>rowCount << 2), kept);
}

/** Column lists (CSC) of the same mask: the kept rows of each column, ascending. */
export function buildColumnLists(mask: usize, rowCount: i32, columnCount: i32, listStart: usize, listIndex: usize): void {
  // Count per column into listStart[column + 1], prefix-sum into starts, then place each entry at
  // its column's cursor, kept in listStart[column] (which ends one column further: shifted back after).
  memory.fill(listStart, 0, <usize>(columnCount + 1) << 2);
  for (let row = 0; row < rowCount; row++) {
    const maskRow = mask + <usize>row * <usize>columnCount;
    for (let column = 0; column < columnCount; column++) {
      if (load<u8>(maskRow + <usize>column)) {
        const at = listStart + (<usize>(column + 1) << 2);
        store<i32>(at, load<i32>(at) + 1);
      }
    }
  }
  for (let column = 0; column < columnCount; column++) {
    const at = listStart + (<usize>(column + 1) << 2);
    store<i32>(at, load<i32>(at) + load<i32>(at - 4));
  }
  for (let row = 0; row < rowCount; row++) {
    const maskRow = mask + <usize>row * <usize>columnCount;
    for (let column = 0; column < columnCount; column++) {
      if (load<u8>(maskRow + <usize>column)) {
        const cursor = listStart + (<usize>column << 2);
        const position = load<i32>(cursor);
        store<i32>(listIndex + (<usize>position << 2), row);
        store<i32>(cursor, position + 1);
      }
    }
  }
  // Each cursor now holds the start of the next column: shift back by one.
  for (let column = columnCount; column > 0; column--) {
    store<i32>(listStart + (<usize>column << 2), load<i32>(listStart + (<usize>(column - 1) << 2)));
  }
  store<i32>(listStart, 0);
}
