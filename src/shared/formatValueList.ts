// How a setting that may be swept reads in one line: "200", "50, 100, 200" or "25 … 400 (8 values)".
import { formatNumber } from './formatNumber';

/** A few values listed; more, as their range and count. */
export function formatValueList(values: readonly number[], listUpTo = 4): string {
  if (values.length === 0) return '-';
  if (values.length <= listUpTo) return values.map(formatNumber).join(', ');
  const sorted = [...values].sort((left, right) => left - right);
  return `${formatNumber(sorted[0])} … ${formatNumber(sorted[sorted.length - 1])} (${values.length} values)`;
}
