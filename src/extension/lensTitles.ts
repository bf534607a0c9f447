// Titles of the CodeLenses at the top of a *.lth.json file (kept apart from the provider so the
// wording is unit-tested without VS Code).

export const RUN_LENS_TITLE = '▶ Run LTH experiment';

/**
 * "Show results (last: 2025-11-25 14:03, 45 trials)": the date is local time, minute precision;
 * without a count ("Show results (last: 2025-11-25 14:03)") when its log could not be read.
 */
export function resultsLensTitle(lastRunStartedAt: Date, trialsOfLastRun: number | undefined): string {
  const trials = trialsOfLastRun === undefined ? '' : `, ${trialsOfLastRun} ${trialsOfLastRun === 1 ? 'trial' : 'trials'}`;
  return `Show results (last: ${formatLocalMinute(lastRunStartedAt)}${trials})`;
}

/** "■ Cancel (12/45)": completed trials (including resumed ones) over the sweep's total. */
export function cancelLensTitle(completedTrials: number, totalTrials: number): string {
  return `■ Cancel (${completedTrials}/${totalTrials})`;
}

/** "2025-11-25 14:03" in local time; "unknown date" for an invalid date (a hand-edited manifest). */
export function formatLocalMinute(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown date';
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
  return `${day} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
