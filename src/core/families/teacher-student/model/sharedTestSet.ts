// The test set every trial of an experiment shares (TrialSpec.testSetSeed), kept in kernel memory
// for as long as a thread runs that experiment's trials. Drawing 10000 fresh Gaussian samples of
// every used feature for each trial was ~40% of a phase-transition sweep's time, and copying a
// cached set into the kernel per trial still ~4% (BENCHMARKS.md): the kernel now reads the test
// matrix in place. Feature f's row holds exactly what a GaussianInputSource with the same seed
// draws for f (one stream per feature), so keeping it changes the speed, never a result.
import type { KeptBufferSpec } from '../kernels/kernelBuffers';
import type { SampleBlock } from '../kernels/sparseKernel';
import { trialStream } from '../../../random/trialStreams';
import { GaussianInputSource, type GaussianFiller } from './gaussianInputs';

/** Values kept at most (d × testSamples doubles): 4M = 32 MiB; a larger test set is drawn in chunks per trial. */
const KEPT_LIMIT_VALUES = 4 * 1024 * 1024;

/**
 * The test matrix as a kept kernel buffer (d × testSamples, features-major), drawn by `filler`
 * (the kernel), or undefined when it is too large to keep.
 */
export function keptTestSet(seed: number, testSamples: number, inputDim: number, filler: GaussianFiller): KeptBufferSpec | undefined {
  if (inputDim * testSamples > KEPT_LIMIT_VALUES) return undefined;
  return {
    float64: inputDim * testSamples,
    keepAs: `test-inputs/${seed}/${inputDim}x${testSamples}`,
    fill(values) {
      for (let feature = 0; feature < inputDim; feature++) filler.fillGaussian(trialStream(seed, 'test-inputs', feature), values, feature * testSamples, testSamples);
    },
  };
}

/** Consecutive blocks of test samples, in order: `next(count)` is the next `count` samples. */
export interface TestBlocks {
  next(count: number): SampleBlock;
}

/** Blocks read in place from the kept test matrix. */
export function keptTestBlocks(matrix: Float64Array, testSamples: number): TestBlocks {
  let done = 0;
  return {
    next(count) {
      if (done + count > testSamples) throw new RangeError(`test blocks: asked past the ${testSamples} test samples`);
      const block = { inputs: matrix, stride: testSamples, start: done, count };
      done += count;
      return block;
    },
  };
}

/** Blocks drawn on demand into a chunk buffer (stride chunkCapacity); only `features` are drawn (into rows of their own with `compactRows`, see GaussianInputSource). */
export function drawnTestBlocks(seed: number, features: Int32Array, chunkInputs: Float64Array, chunkCapacity: number, filler?: GaussianFiller, compactRows = false): TestBlocks {
  const source = new GaussianInputSource(seed, 'test-inputs', features, filler, compactRows);
  return {
    next(count) {
      source.drawNext(chunkInputs, chunkCapacity, count);
      return { inputs: chunkInputs, stride: chunkCapacity, start: 0, count };
    },
  };
}
