// Ordinary least-squares line y = slope·x + intercept, with its coefficient of determination.
// Pure (no Node APIs): the panel webview bundles this too.

export interface LinearFit {
  slope: number;
  intercept: number;
  /** 1 - SS_residual / SS_total; 1 for a perfect fit (also when all y are equal). */
  rSquared: number;
  /** How many points were fitted. */
  points: number;
}

/** Fits a line through (xs[i], ys[i]); null when fewer than two distinct x make it undetermined. */
export function fitLine(xs: readonly number[], ys: readonly number[]): LinearFit | null {
  if (xs.length !== ys.length) {
    throw new RangeError(`fitLine: ${xs.length} x values but ${ys.length} y values, expected equal lengths`);
  }
  const points = xs.length;
  if (points < 2) return null;
  let sumX = 0;
  let sumY = 0;
  for (let index = 0; index < points; index++) {
    sumX += xs[index];
    sumY += ys[index];
  }
  const meanX = sumX / points;
  const meanY = sumY / points;
  // Centred sums (not the textbook raw-moment formula) to avoid cancellation.
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let index = 0; index < points; index++) {
    const dx = xs[index] - meanX;
    const dy = ys[index] - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let residualSquares = 0;
  for (let index = 0; index < points; index++) {
    const residual = ys[index] - (slope * xs[index] + intercept);
    residualSquares += residual * residual;
  }
  // Relative guard: an exact line can leave rounding-level residuals when all y are equal.
  const rSquared = syy <= 1e-24 * Math.max(1, meanY * meanY) ? 1 : 1 - residualSquares / syy;
  return { slope, intercept, rSquared, points };
}
