// The one way a number is printed for a reader: in `lth summarize` tables, chart legends,
// titles, ticks and tooltips alike, so that the CLI and the panel never disagree about a value.

/**
 * Short and stable: integers as they are (below a million), otherwise three significant digits
 * (as `lth summarize` always printed them) without trailing zeros or float noise
 * (0.30000000000000004 -> "0.3", 0.95 -> "0.95"), exponents outside [1e-3, 1e5) ("2.45e-4");
 * "-" for a missing value (null, NaN), "inf" / "-inf" for infinities.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return '0';
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}
