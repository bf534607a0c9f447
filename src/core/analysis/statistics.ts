// Descriptive statistics over one metric of a cell's trials. Pure (no Node APIs): the
// panel webview bundles this too.

/** Summary of a list of numbers; `count` is how many finite values it was computed from. */
export interface Description {
  count: number;
  mean: number;
  median: number;
  /** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
  std: number;
  min: number;
  max: number;
}

/**
 * Describes the finite values of `values`. NaN, ±Infinity and null (a diverged trial, a
 * trial without a linear phase) are skipped rather than poisoning every statistic; with no
 * finite value left, count is 0 and every statistic is NaN.
 */
export function describe(values: ReadonlyArray<number | null>): Description {
  const finite: number[] = [];
  for (const value of values) if (value !== null && Number.isFinite(value)) finite.push(value);
  const count = finite.length;
  if (count === 0) return { count: 0, mean: NaN, median: NaN, std: NaN, min: NaN, max: NaN };

  finite.sort((left, right) => left - right);
  let sum = 0;
  for (const value of finite) sum += value;
  const mean = sum / count;
  // Two-pass variance: subtracting the mean first avoids cancellation for tiny errors.
  let squaredDeviations = 0;
  for (const value of finite) squaredDeviations += (value - mean) * (value - mean);
  const std = count > 1 ? Math.sqrt(squaredDeviations / (count - 1)) : 0;
  const middle = count >> 1;
  const median = count % 2 === 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
  return { count, mean, median, std, min: finite[0], max: finite[count - 1] };
}

/** The median and the quartiles of a list, over its finite values as in describe(). */
export interface Quartiles {
  count: number;
  median: number;
  lowerQuartile: number;
  upperQuartile: number;
}

/** Quartiles by linear interpolation between order statistics at position (n − 1)·p (R's type 7, numpy's default). */
export function quartiles(values: ReadonlyArray<number | null>): Quartiles {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value)).sort((left, right) => left - right);
  const at = (fraction: number): number => {
    if (finite.length === 0) return NaN;
    const position = (finite.length - 1) * fraction;
    const below = Math.floor(position);
    const above = Math.min(below + 1, finite.length - 1);
    return finite[below] + (position - below) * (finite[above] - finite[below]);
  };
  return { count: finite.length, median: at(0.5), lowerQuartile: at(0.25), upperQuartile: at(0.75) };
}
