// What validation reports: one problem per location, positioned in the file's text so the
// extension can show it as a diagnostic and the CLI as `FILE:LINE:COL: <json path>: <message>`.
import type { JsonPath } from './jsonPath';

/** 'information': what the theory predicts about a legal file (e.g. a grid that misses the boundary); never stops a run. */
export type ProblemSeverity = 'error' | 'warning' | 'information';

/** A likely correction: the JSON value that replaces the problem's text (its key, for key problems). */
export interface ProblemFix {
  /** What the editor's quick fix says, e.g. `Change to "stepSize"`. */
  title: string;
  replacement: string | number;
}

/** A problem found before positions are known: where (a JSON path) and what. */
export interface PathIssue {
  path: JsonPath;
  /** Point at the property's key instead of its value (unknown or duplicate properties). */
  anchor?: 'value' | 'key';
  message: string;
  severity: ProblemSeverity;
  fix?: ProblemFix;
}

/** A problem in an experiment file. Lines and columns are 1-based; the end is exclusive. */
export interface ExperimentProblem {
  /** JSON path like `teacher.nonzerosPerNeuron[2]`; empty for the whole document. */
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What is wrong and what was expected, with the offending value. */
  message: string;
  severity: ProblemSeverity;
  /** Present when the text at the problem's range has one likely correction. */
  fix?: ProblemFix;
}

export function hasErrors(problems: readonly { severity: ProblemSeverity }[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** The CLI's one-line form: `FILE:LINE:COL: <json path>: <message>`, warnings prefixed `warning:`, information `info:`. */
export function formatProblem(fileName: string, problem: ExperimentProblem): string {
  const where = problem.path === '' ? '' : `${problem.path}: `;
  const severity = problem.severity === 'warning' ? 'warning: ' : problem.severity === 'information' ? 'info: ' : '';
  return `${fileName}:${problem.line}:${problem.column}: ${where}${severity}${problem.message}`;
}
