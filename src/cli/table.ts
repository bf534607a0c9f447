// Plain-text tables for the terminal: right-aligned columns, an optional group header spanning
// several columns ("relative error" over mean/median/std/min/max).

export interface ColumnGroup {
  title: string;
  /** How many consecutive columns the title spans. */
  span: number;
}

/**
 * Renders `rows` under `headers`; `groups` (covering every column, in order, span 1 and an
 * empty title for ungrouped ones) adds a line above the headers.
 */
export function formatTable(headers: string[], rows: string[][], groups?: ColumnGroup[]): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== headers.length) throw new RangeError(`formatTable: row ${index} has ${row.length} cells, expected ${headers.length}`);
  }
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const separator = '  ';
  const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column])).join(separator).trimEnd();
  const lines = [line(headers), ...rows.map(line)];
  if (groups) lines.unshift(groupLine(groups, widths, separator));
  return `${lines.join('\n')}\n`;
}

function groupLine(groups: ColumnGroup[], widths: number[], separator: string): string {
  const covered = groups.reduce((sum, group) => sum + group.span, 0);
  if (covered !== widths.length) throw new RangeError(`formatTable: groups span ${covered} columns, expected ${widths.length}`);
  let column = 0;
  const cells = groups.map((group) => {
    const spanned = widths.slice(column, column + group.span);
    column += group.span;
    const width = spanned.reduce((sum, width) => sum + width, 0) + separator.length * (group.span - 1);
    // Centred over its columns, with a rule so the span is visible.
    if (group.title === '') return ' '.repeat(width);
    const title = ` ${group.title} `;
    if (title.length >= width) return title.trim().padStart(width);
    const left = Math.floor((width - title.length) / 2);
    return `${'-'.repeat(left)}${title}${'-'.repeat(width - title.length - left)}`;
  });
  return cells.join(separator).trimEnd();
}
