// Which training images a trial trains on and which it validates on. One seeded permutation of
// the training images per data seed: the first `validationSize` are the validation set, the next
// `trainSize` the training subset. Every trial with that seed gets the same permutation (the
// stream depends on the seed alone, not on N or the pruning level), so the subsets for
// different N are nested prefixes and none overlaps the validation set: comparing N = 1000 with
// N = 5000 compares 1000 images with those same 1000 plus 4000 more.
import { trialStream } from '../../../random/trialStreams';

export interface TrainingSplitOptions {
  seed: number;
  trainSize: number;
  validationSize: number;
}

export interface TrainingSplit {
  /** Indices into the training images, in permutation order. */
  validation: Uint32Array;
  train: Uint32Array;
}

/** The validation set and training subset of `trainCount` training images for a data seed. */
export function trainingSplit(trainCount: number, { seed, trainSize, validationSize }: TrainingSplitOptions): TrainingSplit {
  for (const [name, value] of [['trainSize', trainSize], ['validationSize', validationSize]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`trainingSplit: ${name} is ${value}, expected a non-negative integer`);
  }
  const needed = validationSize + trainSize;
  if (needed > trainCount) {
    throw new RangeError(`trainingSplit: trainSize ${trainSize} + validationSize ${validationSize} = ${needed} exceeds the ${trainCount} training images`);
  }
  // The 'train-inputs' stream: in this family the training inputs are which images are drawn.
  const random = trialStream(seed, 'train-inputs');
  const order = new Uint32Array(trainCount);
  for (let index = 0; index < trainCount; index++) order[index] = index;
  // Partial Fisher–Yates: position p's draw does not depend on how many positions follow, so a
  // longer split extends a shorter one with the same seed.
  for (let position = 0; position < needed; position++) {
    const swap = position + random.nextInt(trainCount - position);
    const chosen = order[swap];
    order[swap] = order[position];
    order[position] = chosen;
  }
  return { validation: order.subarray(0, validationSize), train: order.subarray(validationSize, needed) };
}
