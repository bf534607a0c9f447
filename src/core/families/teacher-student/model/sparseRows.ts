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

/** Sorted list of the columns used by at least one row of any of the patterns. */
export function usedColumns(...patterns: SparsityPattern[]): Int32Array {
  const used = new Uint8Array(patterns[0]?.columnCount ?? 0);
  for (const pattern of patterns) for (const column of pattern.columnIndex) used[column] = 1;
  const columns: number[] = [];
  for (let column = 0; column < used.length; column++) if (used[column]) columns.push(column);
  return Int32Array.from(columns);
}
