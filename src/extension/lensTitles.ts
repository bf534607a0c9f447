// Titles of the CodeLenses at the top of a *.lth.json file. Their words come from `translate`
// (vscode.l10n.t in the editor), kept apart from the provider so that the wording is
// unit-tested without VS Code.

/** vscode.l10n.t's shape: a message with {0}, {1}… placeholders and their values. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

export function runLensTitle(translate: Translate): string {
  return translate('▶ Run LTH experiment');
}

/**
 * "Show results (last: 2025-11-25 14:03, 45 trials)": the date is local time, minute precision;
 * without a count ("Show results (last: 2025-11-25 14:03)") when its log could not be read.
 */
export function resultsLensTitle(translate: Translate, lastRunStartedAt: Date, trialsOfLastRun: number | undefined): string {
  const date = formatLocalMinute(lastRunStartedAt);
  if (trialsOfLastRun === undefined) return translate('Show results (last: {0})', date);
  if (trialsOfLastRun === 1) return translate('Show results (last: {0}, 1 trial)', date);
  return translate('Show results (last: {0}, {1} trials)', date, trialsOfLastRun);
}

/** "■ Cancel (12/45)": completed trials (including resumed ones) over the sweep's total. */
export function cancelLensTitle(translate: Translate, completedTrials: number, totalTrials: number): string {
  return translate('■ Cancel ({0}/{1})', completedTrials, totalTrials);
}

/** "2025-11-25 14:03" in local time; "unknown date" for an invalid date (a hand-edited manifest). */
export function formatLocalMinute(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown date';
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
  return `${day} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
