// Turns path-level issues into positioned problems: finds the JSON node a path names in the
// jsonc-parser tree and converts its offsets to 1-based line/column (UTF-16 columns, as editors count).
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { ExperimentProblem, PathIssue } from './experimentProblem';
import { formatJsonPath, type JsonPath } from './jsonPath';

export interface TextPosition {
  line: number;
  column: number;
}

/** Offset -> line/column for one text; \n, \r\n and \r all end a line. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      const char = text.charCodeAt(index);
      if (char === 13 /* \r */ && text.charCodeAt(index + 1) === 10) index++;
      if (char === 10 || char === 13) this.lineStarts.push(index + 1);
    }
  }

  position(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }

  problemAt(offset: number, length: number, path: string, message: string, severity: ExperimentProblem['severity']): ExperimentProblem {
    const start = this.position(offset);
    const end = this.position(offset + Math.max(length, 1));
    return { path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message, severity };
  }
}

/**
 * Where an issue shows: its value node, or its key when asked. A path that is not in the text
 * (a missing property, or a default the file leaves out) falls back to its nearest ancestor
 * that is, marked by that ancestor's key (or the document's first character) rather than the
 * whole ancestor, so a missing field does not underline half the file.
 */
function targetRange(root: Node, path: JsonPath, anchor: PathIssue['anchor']): { offset: number; length: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth) as (string | number)[]);
    if (node === undefined) continue;
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    const exact = depth === path.length;
    if (exact && anchor !== 'key') return { offset: node.offset, length: node.length };
    if (key !== undefined) return { offset: key.offset, length: key.length };
    return { offset: node.offset, length: 1 };
  }
  return { offset: root.offset, length: 1 };
}

export function locateIssue(root: Node, lines: LineIndex, issue: PathIssue): ExperimentProblem {
  const range = targetRange(root, issue.path, issue.anchor);
  const problem = lines.problemAt(range.offset, range.length, formatJsonPath(issue.path), issue.message, issue.severity);
  // A fix replaces the text of the very node it is about, never an ancestor's a missing path falls back to.
  const exact = findNodeAtLocation(root, issue.path as (string | number)[]) !== undefined;
  return issue.fix !== undefined && exact ? { ...problem, fix: issue.fix } : problem;
}
