// Loss and error of a network over a set of images, in chunks (a whole training subset as float
// rows would take 172 MB for N = 55,000).
import { gatherBatch, gatherRange, type PixelNormalization } from '../data/gatherBatch';
import type { ImageSet } from '../data/imageDataset';
import type { MlpNetwork } from '../network/mlpNetwork';

const CHUNK = 1000;

export interface SetScore {
  loss: number;
  error: number;
}

/** Scratch rows reused by every evaluation of one chain. */
export class Evaluator {
  private readonly inputs: Float32Array;
  private readonly labels = new Uint8Array(CHUNK);

  constructor(pixelsPerImage: number, private readonly normalize: PixelNormalization | null) {
    this.inputs = new Float32Array(CHUNK * pixelsPerImage);
  }

  /** Over the images `indices` picks from `set`, or over all of `set` when none are given. */
  score(network: MlpNetwork, set: ImageSet, indices?: Uint32Array): SetScore {
    const count = indices?.length ?? set.count;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < count; start += CHUNK) {
      const rows = Math.min(CHUNK, count - start);
      if (indices) gatherBatch(set, indices, start, rows, this.normalize, this.inputs, this.labels);
      else gatherRange(set, start, rows, this.normalize, this.inputs, this.labels);
      const result = network.evaluate(this.inputs.subarray(0, rows * (this.inputs.length / CHUNK)), this.labels.subarray(0, rows), rows);
      lossSum += result.lossSum;
      correct += result.correct;
    }
    return { loss: lossSum / count, error: 1 - correct / count };
  }
}
