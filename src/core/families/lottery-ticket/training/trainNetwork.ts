// Trains one network of a chain from iteration `from` to `to`, evaluating on the validation set
// every `evaluateEvery` iterations; early stopping (Frankle & Carbin) reads the test error of the
// network at the evaluation with the least validation loss, kept as a snapshot, so the test set
// is touched twice per network, never to choose anything.
import type { ImageDataset } from '../data/imageDataset';
import type { PixelNormalization } from '../data/gatherBatch';
import { gatherBatch } from '../data/gatherBatch';
import { trainingSplit, type TrainingSplit } from '../data/trainingSplit';
import type { MlpNetwork } from '../network/mlpNetwork';
import { BatchOrder } from './batchOrder';
import { Evaluator } from './evaluation';
import { captureState, copyStateInto, restoreState, type NetworkState } from './networkState';
import type { TicketChainSpec, TrainingOutcome } from '../types';

/** What every network of a chain trains on, and the buffers it reuses. */
export interface ChainData {
  dataset: ImageDataset;
  split: TrainingSplit;
  normalize: PixelNormalization | null;
  evaluator: Evaluator;
  batchSize: number;
  /** Seed of the batch order (the same for every network of the chain). */
  batchSeed: number;
  evaluateEvery: number;
  /** Early-stopping snapshot and the final weights, overwritten by each training. */
  snapshot: NetworkState;
  final: NetworkState;
}


/** What a chain's networks train on, for `network` (whose shape the snapshots take). */
export function chainData(
  network: MlpNetwork,
  dataset: ImageDataset,
  settings: Pick<TicketChainSpec, 'dataSeed' | 'trainSize' | 'validationSize' | 'normalize' | 'batchSize' | 'seed' | 'evaluateEvery'>,
): ChainData {
  const normalize = settings.normalize ? { mean: dataset.pixelMean, std: dataset.pixelStd } : null;
  return {
    dataset,
    split: trainingSplit(dataset.train.count, { seed: settings.dataSeed, trainSize: settings.trainSize, validationSize: settings.validationSize }),
    normalize,
    evaluator: new Evaluator(dataset.rows * dataset.columns, normalize),
    batchSize: settings.batchSize,
    batchSeed: settings.seed,
    evaluateEvery: settings.evaluateEvery,
    snapshot: captureState(network),
    final: captureState(network),
  };
}

/**
 * `beforeIteration(k)` runs before step k (with the weights after k steps): how a rewind point
 * is captured. The network ends with its final weights (what the next round prunes).
 */
export function trainNetwork(network: MlpNetwork, data: ChainData, from: number, to: number, beforeIteration?: (iteration: number) => void): TrainingOutcome {
  const { dataset, split, normalize, evaluator, batchSize, evaluateEvery, snapshot, final: finalState } = data;
  const pixels = dataset.rows * dataset.columns;
  const order = new BatchOrder(split.train, batchSize, data.batchSeed);
  const batch = new Uint32Array(batchSize);
  order.skip(from, batch);
  const inputs = new Float32Array(batchSize * pixels);
  const labels = new Uint8Array(batchSize);
  network.resetOptimizerState();

  const curve: TrainingOutcome['curve'] = { iterations: [], validationLoss: [], validationError: [] };
  let best = { iteration: from, loss: Infinity, error: 1 };
  const evaluate = (iteration: number) => {
    const score = evaluator.score(network, dataset.train, split.validation);
    curve.iterations.push(iteration);
    curve.validationLoss.push(score.loss);
    curve.validationError.push(score.error);
    // A diverged network's NaN loss is never the best.
    if (score.loss < best.loss || curve.iterations.length === 1) {
      best = { iteration, loss: score.loss, error: score.error };
      copyStateInto(network, snapshot);
    }
  };

  evaluate(from);
  for (let iteration = from; iteration < to; iteration++) {
    beforeIteration?.(iteration);
    order.next(batch);
    gatherBatch(dataset.train, batch, 0, batchSize, normalize, inputs, labels);
    network.trainStep(inputs, labels, batchSize);
    if ((iteration + 1) % evaluateEvery === 0 || iteration + 1 === to) evaluate(iteration + 1);
  }

  const final = evaluator.score(network, dataset.test);
  const train = evaluator.score(network, dataset.train, split.train);
  copyStateInto(network, finalState);
  restoreState(network, snapshot);
  const atStop = evaluator.score(network, dataset.test);
  restoreState(network, finalState);
  return {
    testError: atStop.error,
    testLoss: atStop.loss,
    earlyStopIteration: best.iteration,
    validationError: best.error,
    validationLoss: best.loss,
    finalTestError: final.error,
    trainError: train.error,
    generalizationGap: final.error - train.error,
    curve: thinCurve(curve, CURVE_POINTS),
  };
}

/** Evaluations a record's curve keeps at most: enough for a chart, small enough for the panel's messages. */
export const CURVE_POINTS = 101;

/** At most `points` evaluations, evenly spread, always the first and the last. */
export function thinCurve(curve: TrainingOutcome['curve'], points: number): TrainingOutcome['curve'] {
  const count = curve.iterations.length;
  if (count <= points) return curve;
  const kept = Array.from({ length: points }, (_, point) => Math.round((point * (count - 1)) / (points - 1)));
  return {
    iterations: kept.map((index) => curve.iterations[index]),
    validationLoss: kept.map((index) => curve.validationLoss[index]),
    validationError: kept.map((index) => curve.validationError[index]),
  };
}

/** The first `iterations` steps of a training from the start, without evaluations: they give the same weights as trainNetwork's. */
export function replaySteps(network: MlpNetwork, data: ChainData, iterations: number): void {
  const { dataset, normalize, batchSize } = data;
  const order = new BatchOrder(data.split.train, batchSize, data.batchSeed);
  const batch = new Uint32Array(batchSize);
  const inputs = new Float32Array(batchSize * dataset.rows * dataset.columns);
  const labels = new Uint8Array(batchSize);
  network.resetOptimizerState();
  for (let iteration = 0; iteration < iterations; iteration++) {
    order.next(batch);
    gatherBatch(dataset.train, batch, 0, batchSize, normalize, inputs, labels);
    network.trainStep(inputs, labels, batchSize);
  }
}
