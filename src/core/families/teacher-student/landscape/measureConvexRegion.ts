// A trial of an experiment with analysis.convexRegion (paper.md claim 1): instead of training,
// measure the empirical risk's landscape at W* on the student's mask — the extreme eigenvalues
// of its Hessian (Lanczos) and how far it stays strongly convex along seeded directions.
// Deterministic: the same spec gives the same numbers (except `seconds`).
import type { ConvexRegionSettings, TrialSpec } from '../types';
import { trialStream } from '../../../random/trialStreams';
import { describe } from '../../../analysis/statistics';
import { checkTrialSpec } from '../training/trialSpecChecks';
import { convexRadius } from './convexRadius';
import { landscapeData, type LandscapeData } from './landscapeData';
import { lanczos, type LanczosResult } from './lanczos';
import { hessianVectorProduct, preactivations } from './maskedRisk';

/** What one landscape trial records. */
export type LandscapeMetrics = {
  /** Smallest and largest eigenvalue of the masked Hessian at W* (Lanczos Ritz values). */
  hessianMinEigenvalue: number;
  hessianMaxEigenvalue: number;
  /** max / min; null when the smallest is zero to rounding (the risk is flat along some direction: N < K·r, say). */
  conditionNumber: number | null;
  /** Median and minimum over the directions of the convex radius |W - W*|_F / |W*|_F. */
  convexRadiusMedian: number;
  convexRadiusMin: number;
  /** The strong-convexity modulus mu the radius test used (Hessian units). */
  convexityModulus: number;
  /** Trainable weights (mask entries): the Hessian's size. */
  maskEntries: number;
  lanczosSteps: number;
  seconds: number;
};

/** An eigenvalue below this fraction of the largest is zero up to rounding (a singular Hessian gives ~1e-17). */
const ROUNDING_ZERO = 1e-12;

/**
 * The strong-convexity modulus: `strongConvexity` times 1/(2K^2), the diagonal of the population
 * Gauss-Newton matrix at any W (E[(1/K)^2 1[w_j.x > 0] x_i^2] = 1/(2K^2) for x ~ N(0, I)): a
 * curvature scale set by K alone, so the radius compares the same requirement across r and N —
 * the paper's region is where the empirical Hessian stays above such a fixed fraction.
 */
function convexityModulus(settings: ConvexRegionSettings, hiddenUnits: number): number {
  return settings.strongConvexity / (2 * hiddenUnits * hiddenUnits);
}

export function measureConvexRegion(spec: TrialSpec): LandscapeMetrics {
  const started = performance.now();
  checkTrialSpec(spec);
  const settings = spec.convexRegion;
  if (!settings) throw new RangeError('measureConvexRegion: the trial spec has no convexRegion settings');
  const data = landscapeData(spec);
  const size = data.teacherOnMask.length;
  const teacherPreactivations = preactivations(data, data.teacherOnMask);
  const spectrum = lanczos((vector) => hessianVectorProduct(data, teacherPreactivations, vector), size, settings.lanczosSteps, trialStream(spec.seed, 'landscape-lanczos'));
  const smallest = spectrum.values[spectrum.steps - 1];
  const largest = spectrum.values[0];

  const modulus = convexityModulus(settings, spec.hiddenUnits);
  const radii = directions(data, spectrum, settings, spec.seed).map((direction) =>
    convexRadius(data, teacherPreactivations, scaledPreactivations(data, direction), data.teacherNorm, { modulus, resolution: settings.resolution, maxRadius: settings.maxRadius }),
  );
  const spread = describe(radii);
  return {
    hessianMinEigenvalue: smallest,
    hessianMaxEigenvalue: largest,
    conditionNumber: smallest > ROUNDING_ZERO * largest ? largest / smallest : null,
    convexRadiusMedian: spread.median,
    convexRadiusMin: spread.min,
    convexityModulus: modulus,
    maskEntries: size,
    lanczosSteps: spectrum.steps,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Seeded unit directions on the mask. With flatSubspace m > 0 they are random combinations of
 * the m flattest Ritz vectors: the radius the theory bounds is set by the least curved
 * directions, and a uniformly random direction of the K·r-dimensional mask almost never comes
 * near them (its curvature concentrates at the mean eigenvalue, which pruning hardly changes).
 * m = 0 draws uniformly on the whole mask.
 */
function directions(data: LandscapeData, spectrum: LanczosResult, settings: ConvexRegionSettings, seed: number): Float64Array[] {
  const size = data.teacherOnMask.length;
  const random = trialStream(seed, 'landscape-directions');
  const flat = Math.min(settings.flatSubspace, spectrum.steps);
  const result: Float64Array[] = [];
  for (let index = 0; index < settings.directions; index++) {
    const direction = new Float64Array(size);
    if (flat === 0) random.fillGaussian(direction, 0, size);
    else {
      const weights = new Float64Array(flat);
      random.fillGaussian(weights, 0, flat);
      for (let rank = 0; rank < flat; rank++) {
        const offset = (spectrum.steps - 1 - rank) * size;
        for (let entry = 0; entry < size; entry++) direction[entry] += weights[rank] * spectrum.vectors[offset + entry];
      }
    }
    let squaredNorm = 0;
    for (let entry = 0; entry < size; entry++) squaredNorm += direction[entry] * direction[entry];
    const scale = 1 / Math.sqrt(squaredNorm);
    for (let entry = 0; entry < size; entry++) direction[entry] *= scale;
    result.push(direction);
  }
  return result;
}

/** Preactivations of |W*|_F v: a unit step of relative distance. */
function scaledPreactivations(data: LandscapeData, direction: Float64Array): Float64Array {
  const step = preactivations(data, direction);
  for (let index = 0; index < step.length; index++) step[index] *= data.teacherNorm;
  return step;
}
