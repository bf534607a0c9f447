import type { RandomStream } from '../../../../random/randomStream';

/** "random": i.i.d. N(0, 1/d) on each of the mask's `entries` (d = inputDim). */
export function randomInitialization(entries: number, inputDim: number, random: RandomStream): Float64Array {
  const weights = new Float64Array(entries);
  random.fillGaussian(weights, 0, entries, 1 / Math.sqrt(inputDim));
  return weights;
}
