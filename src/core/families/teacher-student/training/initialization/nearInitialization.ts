import type { RandomStream } from '../../../../random/randomStream';
import type { TeacherAlignment } from '../../metrics/weightError';

/**
 * "near": W0 = P_M(W*) + delta, delta Gaussian on the mask entries, scaled so that
 * |W0 - W*|_F = distance · |W*|_F exactly. Teacher weights outside the mask (missing positions)
 * count toward that distance; if they alone exceed it, delta = 0.
 */
export function nearInitialization(alignment: TeacherAlignment, distance: number, random: RandomStream): Float64Array {
  const { teacherOnMask, offMaskSquaredNorm, teacherSquaredNorm } = alignment;
  const perturbation = new Float64Array(teacherOnMask.length);
  random.fillGaussian(perturbation, 0, perturbation.length);
  let perturbationSquaredNorm = 0;
  for (const value of perturbation) perturbationSquaredNorm += value * value;
  const wantedSquaredNorm = Math.max(0, distance * distance * teacherSquaredNorm - offMaskSquaredNorm);
  const scale = perturbationSquaredNorm > 0 ? Math.sqrt(wantedSquaredNorm / perturbationSquaredNorm) : 0;
  const weights = new Float64Array(teacherOnMask.length);
  for (let entry = 0; entry < weights.length; entry++) weights[entry] = teacherOnMask[entry] + scale * perturbation[entry];
  return weights;
}
