// The local theory of the descent near W* (paper.md §2 and claim 3), in closed form. For the
// squared loss of g(W; x) = (1/K) Σ relu(<w_j, x>) the population Hessian at W* is the
// Gauss-Newton matrix H_jk = (1/K²) E[1(w*_j·x > 0) 1(w*_k·x > 0) x xᵀ]; for near-orthogonal
// teacher rows (random sparse supports, or dense rows in high d) its spectrum restricted to the
// mask is (1/K²)·{1/2 − 1/(2π) (K − 1 times), 1/2 (the rest), 1/2 + (K − 1)/(2π) (once)}, for
// any row norms. N samples see a sample Hessian whose smallest eigenvalue sits lower, at about
// λ_min·(1 − √(p/N))² for p trained weights (the Marchenko–Pastur edge). Heavy ball with step η
// and momentum β contracts an eigen-direction of curvature λ by the spectral radius of
// [[1 + β − ηλ, −β], [1, 0]]: √β whenever (1 − √β)² ≤ ηλ ≤ (1 + √β)², more outside.
// Measured at d = 100, K = 5, N = 400, init near: rates within 0.01 of this for r = 5..40, and
// divergence from about 2(1 + β)/λ_max (GD between η = 34 and 40, predicted 44).

/** Smallest and largest eigenvalue of the population Hessian at W* on the mask. */
export function populationCurvature(hiddenUnits: number): { smallest: number; largest: number } {
  const scale = 1 / (hiddenUnits * hiddenUnits);
  if (hiddenUnits === 1) return { smallest: scale / 2, largest: scale / 2 };
  return { smallest: scale * (0.5 - 1 / (2 * Math.PI)), largest: scale * (0.5 + (hiddenUnits - 1) / (2 * Math.PI)) };
}

/** The contraction factor per iteration of heavy ball on one direction of curvature λ (stepCurvature = η·λ); ≥ 1 diverges. */
export function heavyBallRate(stepCurvature: number, momentum: number): number {
  const trace = 1 + momentum - stepCurvature;
  const discriminant = trace * trace - 4 * momentum;
  if (discriminant <= 0) return Math.sqrt(momentum);
  return (Math.abs(trace) + Math.sqrt(discriminant)) / 2;
}

/** Settings the local theory needs: K, η, and the weights trained per row (r plus extra positions, or d for a dense mask). */
export interface LocalSettings {
  hiddenUnits: number;
  stepSize: number;
}

/** The sample Hessian's smallest eigenvalue with `trainedPerRow` weights per row and N samples (0 once the weights outnumber the samples). */
export function sampleSmallestCurvature(hiddenUnits: number, trainedPerRow: number, samples: number): number {
  const fraction = (trainedPerRow * hiddenUnits) / samples;
  return fraction >= 1 ? 0 : populationCurvature(hiddenUnits).smallest * (1 - Math.sqrt(fraction)) ** 2;
}

/** The rate the local theory predicts: heavy ball on the slowest direction of the sample Hessian. */
export function predictedRate(settings: LocalSettings, momentum: number, trainedPerRow: number, samples: number): number {
  return heavyBallRate(settings.stepSize * sampleSmallestCurvature(settings.hiddenUnits, trainedPerRow, samples), momentum);
}

/** The step size from which heavy ball diverges even at W* (population Hessian): η·λ_max = 2(1 + β). */
export function divergentStepSize(hiddenUnits: number, momentum: number): number {
  return (2 * (1 + momentum)) / populationCurvature(hiddenUnits).largest;
}

/** The momentum from which the slowest direction contracts at exactly √β: β = (1 − √(η·λ))². */
export function saturatingMomentum(stepCurvature: number): number {
  return (1 - Math.sqrt(Math.min(1, stepCurvature))) ** 2;
}
