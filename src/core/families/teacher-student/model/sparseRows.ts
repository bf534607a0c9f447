// Row-sparse K×d matrices in one flat, CSR-like layout: row j's entries are the positions
// rowStart[j] .. rowStart[j+1]-1 of columnIndex (sorted ascending within the row) and of the
// values. Flat arrays (rather than one array per row) are what the WASM kernel reads directly.

/** Which entries of each row exist (a mask or a teacher's support). */
export interface SparsityPattern {
  rowCount: number;
  columnCount: number;
  /** Length rowCount + 1; rowStart[rowCount] is the number of entries. */
  rowStart: Int32Array;
  /** Length rowStart[rowCount]; sorted ascending within each row. */
  columnIndex: Int32Array;
}

/** A pattern with a value for each of its entries. */
export interface SparseRows extends SparsityPattern {
  values: Float64Array;
}

/** Builds a pattern from one sorted support per row. */
export function patternFromSupports(supports: readonly Int32Array[], columnCount: number): SparsityPattern {
  const rowStart = new Int32Array(supports.length + 1);
  for (let row = 0; row < supports.length; row++) rowStart[row + 1] = rowStart[row] + supports[row].length;
  const columnIndex = new Int32Array(rowStart[supports.length]);
  for (let row = 0; row < supports.length; row++) columnIndex.set(supports[row], rowStart[row]);
  return { rowCount: supports.length, columnCount, rowStart, columnIndex };
}

/** The sorted support of one row, as a view (no copy). */
export function rowSupport(pattern: SparsityPattern, row: number): Int32Array {
  return pattern.columnIndex.subarray(pattern.rowStart[row], pattern.rowStart[row + 1]);
}

/** Dense row-major copy (rowCount × columnCount), zero outside the pattern. */
export function toDense(pattern: SparsityPattern, values: Float64Array): Float64Array {
  const dense = new Float64Array(pattern.rowCount * pattern.columnCount);
  for (let row = 0; row < pattern.rowCount; row++) {
    for (let entry = pattern.rowStart[row]; entry < pattern.rowStart[row + 1]; entry++) {
      dense[row * pattern.columnCount + pattern.columnIndex[entry]] = values[entry];
    }
  }
  return dense;
}

/** The values of a dense row-major matrix at the pattern's entries (projection onto the mask). */
export function gatherOnPattern(pattern: SparsityPattern, dense: Float64Array): Float64Array {
  const values = new Float64Array(pattern.columnIndex.length);
  for (let row = 0; row < pattern.rowCount; row++) {
    for (let entry = pattern.rowStart[row]; entry < pattern.rowStart[row + 1]; entry++) {
      values[entry] = dense[row * pattern.columnCount + pattern.columnIndex[entry]];
    }
  }
  return values;
}

/** Sorted list of the columns used by at least one row of any of the patterns (O(entries), whatever the column count). */
export function usedColumns(...patterns: SparsityPattern[]): Int32Array {
  const all = new Int32Array(patterns.reduce((sum, pattern) => sum + pattern.columnIndex.length, 0));
  let filled = 0;
  for (const pattern of patterns) {
    all.set(pattern.columnIndex, filled);
    filled += pattern.columnIndex.length;
  }
  all.sort();
  let distinct = 0;
  for (let index = 0; index < all.length; index++) if (index === 0 || all[index] !== all[index - 1]) all[distinct++] = all[index];
  return all.slice(0, distinct);
}

/**
 * The pattern over only `columns` (sorted, holding every column it uses): column columns[k]
 * becomes column k. The order of the entries is kept, so whatever sums over them sums the same
 * numbers in the same order.
 */
export function keepColumns<Pattern extends SparsityPattern>(pattern: Pattern, columns: Int32Array): Pattern {
  const columnIndex = pattern.columnIndex.map((column) => {
    const kept = binarySearch(columns, column);
    if (kept < 0) throw new RangeError(`keepColumns: column ${column} is used but not kept`);
    return kept;
  });
  return { ...pattern, columnCount: columns.length, columnIndex };
}

function binarySearch(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else if (sorted[middle] > value) high = middle - 1;
    else return middle;
  }
  return -1;
}
