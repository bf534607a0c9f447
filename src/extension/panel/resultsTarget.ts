// What a results panel shows: the runs of one experiment under one runs root. This is also
// the state a panel is restored from after a reload. No vscode import.

/** The results panel's webview type (package.json's onWebviewPanel activation event names it). */
export const RESULTS_VIEW_TYPE = 'lthLab.results';

export interface ResultsTarget {
  experimentName: string;
  /** Absolute folder holding <experiment>/<run>/ folders. */
  runsRoot: string;
  /** The experiment file's Uri (as a string), when known: for the title and the run buttons. */
  experimentFile?: string;
}

/** Two targets with the same key show the same runs. */
export function resultsTargetKey(target: ResultsTarget): string {
  return `${target.runsRoot}\u0000${target.experimentName}`;
}

export function isResultsTarget(value: unknown): value is ResultsTarget {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    typeof fields.experimentName === 'string' &&
    fields.experimentName !== '' &&
    typeof fields.runsRoot === 'string' &&
    fields.runsRoot !== '' &&
    (fields.experimentFile === undefined || typeof fields.experimentFile === 'string')
  );
}
