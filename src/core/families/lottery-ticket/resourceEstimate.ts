// What a lottery-ticket sweep will take, before it runs: a worker's network (networkSize.ts), the
// learning curve it records, the data set shared by all workers, and the time of every network
// of every chain.
import type { MemoryItem, ResourceEstimate } from '../experimentFamily';
import { cellCount } from '../../sweep/sweepCells';
import { networkMemoryBytes, prunableWeights } from './networkSize';
import { chainParts, type LotteryTicketExperiment } from './types';

const PIXELS = 28 * 28;
const CLASSES = 10;
/** Test images of MNIST and Fashion-MNIST (an IDX folder's count is known only once read). */
const TEST_IMAGES = 10_000;
/** An evaluation kept per learning-curve point: iteration, loss and error (float64). */
const CURVE_POINT_BYTES = 3 * 8;

// Time per weight and image, fitted to the mnist-sample-size preset (122 s on 2 workers, WASM
// SIMD kernels): a training step (forward and backward) ~0.45 ns, an evaluation ~0.15 ns.
const SECONDS_PER_TRAINED_WEIGHT = 0.45e-9;
const SECONDS_PER_EVALUATED_WEIGHT = 0.15e-9;
/** The sparse kernels' cost stops falling with the density below about this. */
const SPARSE_FLOOR = 0.1;

export function estimateLotteryTicket(experiment: LotteryTicketExperiment): ResourceEstimate {
  const { batchSize, iterations, evaluateEvery, validationSize, axes } = experiment;
  const layerSizes = [PIXELS, ...experiment.hiddenLayers, CLASSES];
  const weights = prunableWeights(layerSizes);
  const evaluations = Math.floor(iterations / evaluateEvery) + 2;
  const images = Math.max(...axes.trainSize) + validationSize + TEST_IMAGES;
  const perWorker: MemoryItem[] = [
    { what: `a network of ${weights} weights with its optimizer state`, bytes: networkMemoryBytes(layerSizes, batchSize), fields: ['model.hiddenLayers', 'training.batchSize'] },
    { what: `the learning curve (${evaluations} evaluations)`, bytes: CURVE_POINT_BYTES * evaluations, fields: ['training.iterations', 'training.evaluateEvery'] },
  ];
  const shared: MemoryItem[] = [{ what: `the data set (${images} images)`, bytes: images * (PIXELS + 1), fields: ['data.trainSize', 'data.validationSize'] }];
  const parts = chainParts(experiment.rounds, experiment.controls);
  const chains = cellCount(experiment) * experiment.trials;
  return {
    perWorker: perWorker.sort((left, right) => right.bytes - left.bytes),
    shared,
    trainings: chains * parts.length,
    workerSeconds: chains * parts.reduce((sum, part) => sum + networkSeconds(experiment, weights, densityAfter(experiment, part.round)), 0),
  };
}

/** The hidden layers' density after `round` rounds, at the sweep's mean pruning fraction. */
function densityAfter(experiment: LotteryTicketExperiment, round: number): number {
  const fractions = experiment.axes.fraction;
  const fraction = fractions.reduce((sum, value) => sum + value, 0) / fractions.length;
  return (1 - fraction) ** round;
}

/** One network: its training steps, its validation evaluations, and the final test and training scores (at the sweep's mean N). */
function networkSeconds(experiment: LotteryTicketExperiment, weights: number, density: number): number {
  const { batchSize, iterations, evaluateEvery, validationSize, axes } = experiment;
  const meanTrainSize = axes.trainSize.reduce((sum, value) => sum + value, 0) / axes.trainSize.length;
  const effectiveWeights = weights * Math.max(density, SPARSE_FLOOR);
  const trained = iterations * batchSize * effectiveWeights * SECONDS_PER_TRAINED_WEIGHT;
  const evaluatedImages = (Math.floor(iterations / evaluateEvery) + 1) * validationSize + 2 * TEST_IMAGES + meanTrainSize;
  return trained + evaluatedImages * effectiveWeights * SECONDS_PER_EVALUATED_WEIGHT;
}
