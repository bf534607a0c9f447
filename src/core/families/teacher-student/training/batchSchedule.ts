// Which training samples each iteration's gradient uses (D_t in paper.md §2).
// - "full": all N samples, every iteration.
// - "split" (the theory's sample splitting): the N samples are cut into B disjoint contiguous
//   blocks (samples are i.i.d., so contiguous blocks are random blocks), cycled: iteration t
//   uses block t mod B. B = clamp(floor(N / (4·m)), 1, 8) with m the largest mask row, so each
//   block holds at least four samples per trained weight of a neuron (about half of them
//   activate it) and the block risk stays locally strongly convex; B = 1 is the full batch.
//   training.splitBlocks sets B instead (at most N).
// - a number b: mini-batches of b samples (SGD with momentum) from reshuffled epochs: a fresh
//   random permutation per epoch, consecutive slices of b; the N mod b samples left at the end
//   of an epoch wait for the next one. b >= N is the full batch.
// Mini-batches are gathered into their own buffer (only the features the mask reads), so the
// kernel always sees contiguous blocks; full and split run all their iterations in one kernel call.
import type { DescentData } from '../kernels/sparseKernel';
import type { RandomStream } from '../../../random/randomStream';
import type { BatchMode } from '../types';

const SPLIT_MAX_BLOCKS = 8;
const SPLIT_SAMPLES_PER_WEIGHT = 4;

export type BatchPlan =
  | { kind: 'full'; capacity: number }
  | { kind: 'split'; capacity: number; blockCount: number }
  | { kind: 'mini'; capacity: number };

/** The automatic block count of sample splitting (training.splitBlocks "auto"). */
export function automaticSplitBlocks(samples: number, largestMaskRow: number): number {
  return Math.min(SPLIT_MAX_BLOCKS, Math.max(1, Math.floor(samples / (SPLIT_SAMPLES_PER_WEIGHT * largestMaskRow))));
}

/** How a batch mode applies to N samples; `capacity` is the largest block (scratch size). `splitBlocks`: a given B for "split". */
export function planBatches(batch: BatchMode, samples: number, largestMaskRow: number, splitBlocks?: number): BatchPlan {
  if (batch === 'full') return { kind: 'full', capacity: samples };
  if (batch === 'split') {
    if (splitBlocks !== undefined && !(Number.isInteger(splitBlocks) && splitBlocks >= 1 && splitBlocks <= samples)) {
      throw new RangeError(`splitBlocks: ${splitBlocks}, expected an integer in [1, samples ${samples}]`);
    }
    const blockCount = splitBlocks ?? automaticSplitBlocks(samples, largestMaskRow);
    if (blockCount === 1) return { kind: 'full', capacity: samples };
    return { kind: 'split', capacity: Math.ceil(samples / blockCount), blockCount };
  }
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`batch: ${JSON.stringify(batch)}, expected "full", "split" or a mini-batch size (integer >= 1)`);
  }
  if (batch >= samples) return { kind: 'full', capacity: samples };
  return { kind: 'mini', capacity: batch };
}

export interface TrainingData {
  /** d × N, features-major. */
  inputs: Float64Array;
  labels: Float64Array;
  samples: number;
}

/** Buffers a mini-batch is gathered into (kernel memory): d × capacity inputs, capacity labels. */
export interface GatherBuffers {
  inputs: Float64Array;
  labels: Float64Array;
}

export interface BatchSchedule {
  /** What the kernel's descent reads: blocks of the training set (full, split), or the gathered mini-batch. */
  readonly data: DescentData;
  /** Iterations the kernel may run on `data` before the next refill(): all for full and split, 1 for mini-batches. */
  readonly iterationsPerRefill: number;
  /** Prepares `data` for the next iterations: gathers the next mini-batch (nothing to do for full and split). */
  refill(): void;
}

export function createBatchSchedule(
  plan: BatchPlan,
  data: TrainingData,
  gather: GatherBuffers | undefined,
  usedFeatures: Int32Array,
  random: RandomStream,
): BatchSchedule {
  const { inputs, labels, samples } = data;
  if (plan.kind !== 'mini') {
    // Split cycles its blocks inside the kernel (DescentData): block t mod B at iteration t.
    const blockCount = plan.kind === 'split' ? plan.blockCount : 1;
    return { data: { inputs, stride: samples, labels, blockCount }, iterationsPerRefill: Infinity, refill: () => {} };
  }
  if (!gather) throw new Error('createBatchSchedule: mini-batches need gather buffers');
  return createMiniBatchSchedule(plan.capacity, data, gather, usedFeatures, random);
}

function createMiniBatchSchedule(
  batchSize: number,
  data: TrainingData,
  gather: GatherBuffers,
  usedFeatures: Int32Array,
  random: RandomStream,
): BatchSchedule {
  const { inputs, labels, samples } = data;
  const order = new Int32Array(samples);
  for (let sample = 0; sample < samples; sample++) order[sample] = sample;
  let position = samples; // forces a shuffle before the first batch
  return {
    data: { inputs: gather.inputs, stride: batchSize, labels: gather.labels, blockCount: 1 },
    iterationsPerRefill: 1,
    refill() {
      if (position + batchSize > samples) {
        // Fisher–Yates: a uniformly random order for the new epoch.
        for (let last = samples - 1; last > 0; last--) {
          const swap = random.nextInt(last + 1);
          const kept = order[last];
          order[last] = order[swap];
          order[swap] = kept;
        }
        position = 0;
      }
      for (let used = 0; used < usedFeatures.length; used++) {
        const source = usedFeatures[used] * samples;
        const target = usedFeatures[used] * batchSize;
        for (let slot = 0; slot < batchSize; slot++) gather.inputs[target + slot] = inputs[source + order[position + slot]];
      }
      for (let slot = 0; slot < batchSize; slot++) gather.labels[slot] = labels[order[position + slot]];
      position += batchSize;
    },
  };
}
