// Inputs x ~ N(0, I_d), stored features-major: feature f of sample n at f*stride + n, so a mask
// row with r entries reads r contiguous feature rows (that is what makes sparsity pay). Each
// feature has its own random stream (trialStreams.ts): the first N samples do not depend on N,
// a test set can be drawn in chunks, and features no network reads can be skipped without
// changing the others.
import type { RandomStream } from '../../../random/randomStream';
import { trialStream } from '../../../random/trialStreams';

/** Who runs the sampling loop: RandomStream itself, or a kernel (the WASM one draws the same values faster, into its memory). */
export interface GaussianFiller {
  fillGaussian(stream: RandomStream, target: Float64Array, offset: number, count: number): void;
}

const streamFiller: GaussianFiller = { fillGaussian: (stream, target, offset, count) => stream.fillGaussian(target, offset, count) };

/** Something that fills features-major input rows, `count` samples at a time, in order. */
export interface InputSource {
  drawNext(target: Float64Array, stride: number, count: number): void;
}

export class GaussianInputSource implements InputSource {
  private readonly streams: RandomStream[];

  /**
   * `features`: the features to draw (sorted); the rows of the others are never written.
   * `compactRows`: the target holds only these features' rows, feature features[k] in row k
   * (else feature f is in row f).
   */
  constructor(
    seed: number,
    purpose: 'train-inputs' | 'test-inputs',
    readonly features: Int32Array,
    private readonly filler: GaussianFiller = streamFiller,
    private readonly compactRows = false,
  ) {
    this.streams = Array.from(features, (feature) => trialStream(seed, purpose, feature));
  }

  /** Draws the next `count` samples of every feature into its target row (row r at r*stride). */
  drawNext(target: Float64Array, stride: number, count: number): void {
    if (count > stride) throw new RangeError(`GaussianInputSource: count ${count} exceeds the row stride ${stride}`);
    for (let position = 0; position < this.features.length; position++) {
      const row = this.compactRows ? position : this.features[position];
      this.filler.fillGaussian(this.streams[position], target, row * stride, count);
    }
  }
}
