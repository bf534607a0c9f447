// Independent sub-streams of one trial seed, named by what they generate. Each part of a trial
// draws from its own stream, so changing one parameter does not reshuffle the others: a new
// sample count N leaves the teacher and the mask unchanged, a new noise level reuses the same
// noise realization (scaled), and input feature f has its own stream, so the first N samples
// are the same whatever N is (nested training sets) and any subset of features can be drawn.
import { RandomStream } from './randomStream';
import { hashLabel, mix32 } from './splitMix32';

export type StreamPurpose =
  | 'teacher'
  | 'mask'
  | 'train-inputs'
  | 'train-noise'
  | 'test-inputs'
  | 'init'
  | 'batches'
  | 'landscape-lanczos'
  | 'landscape-directions';

const TWO_TO_32 = 2 ** 32;

/**
 * The stream for (seed, purpose, index). `seed` is any non-negative safe integer (both 32-bit
 * halves are used); `index` distinguishes streams of one purpose (e.g. the input feature).
 */
export function trialStream(seed: number, purpose: StreamPurpose, index = 0): RandomStream {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`trialStream: seed is ${seed}, expected a non-negative safe integer`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= TWO_TO_32) {
    throw new RangeError(`trialStream: index is ${index}, expected an integer in [0, 2^32)`);
  }
  const seedLow = seed % TWO_TO_32;
  const seedHigh = Math.floor(seed / TWO_TO_32);
  // Chained mixing: each ingredient passes through the bijective finalizer before the next.
  let combined = mix32(seedLow ^ mix32(seedHigh ^ 0x5bd1e995));
  combined = mix32(combined ^ hashLabel(purpose));
  combined = mix32(combined ^ mix32(index + 0x27d4eb2f));
  return new RandomStream(combined);
}
