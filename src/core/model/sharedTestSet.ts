// The test set every trial of an experiment shares (TrialSpec.testSetSeed), kept per thread.
// Drawing 10000 fresh Gaussian samples of every used feature for each trial was ~40% of a
// phase-transition sweep's time (BENCHMARKS.md); a worker now draws each feature's test row once
// per experiment and copies it. The values are exactly those a GaussianInputSource with the same
// seed draws (one stream per feature), so the cache changes the speed, never a result.
import { trialStream } from '../random/trialStreams';
import { GaussianInputSource, type InputSource } from './gaussianInputs';

/** Values kept at most (d × testSamples doubles): 4M = 32 MiB; a larger test set is drawn per trial. */
const CACHE_LIMIT_VALUES = 4 * 1024 * 1024;

interface CachedTestSet {
  seed: number;
  testSamples: number;
  /** feature -> its first `testSamples` values. */
  rows: Map<number, Float64Array>;
}

let cached: CachedTestSet | undefined;

/** The shared test inputs of the given features, drawn in order like a GaussianInputSource. */
export function sharedTestInputs(seed: number, features: Int32Array, testSamples: number, inputDim: number): InputSource {
  if (inputDim * testSamples > CACHE_LIMIT_VALUES) return new GaussianInputSource(seed, 'test-inputs', features);
  if (cached === undefined || cached.seed !== seed || cached.testSamples !== testSamples) {
    cached = { seed, testSamples, rows: new Map() };
  }
  const { rows } = cached;
  const featureRows = Array.from(features, (feature) => {
    let row = rows.get(feature);
    if (row === undefined) {
      row = new Float64Array(testSamples);
      trialStream(seed, 'test-inputs', feature).fillGaussian(row, 0, testSamples);
      rows.set(feature, row);
    }
    return row;
  });
  return new CopyingInputSource(features, featureRows);
}

/** Hands out consecutive slices of precomputed feature rows. */
class CopyingInputSource implements InputSource {
  private drawn = 0;

  constructor(
    private readonly features: Int32Array,
    private readonly featureRows: Float64Array[],
  ) {}

  drawNext(target: Float64Array, stride: number, count: number): void {
    if (count > stride) throw new RangeError(`sharedTestInputs: count ${count} exceeds the row stride ${stride}`);
    if (this.drawn + count > this.featureRows[0]?.length) throw new RangeError(`sharedTestInputs: asked past the ${this.featureRows[0].length} test samples`);
    for (let position = 0; position < this.features.length; position++) {
      target.set(this.featureRows[position].subarray(this.drawn, this.drawn + count), this.features[position] * stride);
    }
    this.drawn += count;
  }
}
