// Checks the lottery-ticket schema cannot express: sizes that the data set cannot hold or a
// worker's memory cannot fit, a rewind point past the training, and likely mistakes.
import type { PathIssue } from '../../config/experimentProblem';
import type { JsonPath } from '../../config/jsonPath';
import { axisSource, withTicketDefaults } from './resolve';
import type { LotteryTicketFile } from './schema';
import { TICKET_AXES, type TicketAxis } from './types';
import { networkMemoryBytes, prunableWeights } from './networkSize';

/** Training images of the built-in data sets (MNIST and Fashion-MNIST both have 60,000). */
const BUILT_IN_TRAINING_IMAGES = 60_000;
/** What one worker's network may take; more and the machine (2 workers on 24 GiB) is at risk. */
export const MAX_NETWORK_BYTES = 4 * 2 ** 30;
const CLASSES = 10;

const AXIS_PATHS: Record<TicketAxis, JsonPath> = {
  trainSize: ['data', 'trainSize'],
  learningRate: ['training', 'learningRate'],
  fraction: ['pruning', 'fraction'],
  rewindIteration: ['pruning', 'rewindIteration'],
};

/** Each value of an axis with the path of that value (an index into the list when it is one). */
function entries(given: number | number[], path: JsonPath): Array<{ value: number; path: JsonPath }> {
  return Array.isArray(given) ? given.map((value, index) => ({ value, path: [...path, index] })) : [{ value: given, path }];
}

export function lotteryTicketIssues(file: LotteryTicketFile): PathIssue[] {
  const filled = withTicketDefaults(file);
  const axis = Object.fromEntries(TICKET_AXES.map((name) => [name, entries(axisSource(filled, name), AXIS_PATHS[name])])) as Record<TicketAxis, ReturnType<typeof entries>>;
  const issues: PathIssue[] = [];
  const { validationSize } = filled.data;
  const { batchSize, iterations, evaluateEvery, optimizer, momentum } = filled.training;

  if (filled.data.dataset === 'mnist' || filled.data.dataset === 'fashion-mnist') {
    for (const entry of axis.trainSize) {
      if (entry.value + validationSize > BUILT_IN_TRAINING_IMAGES) {
        issues.push({
          path: entry.path,
          severity: 'error',
          message: `trainSize ${entry.value} + validationSize ${validationSize} = ${entry.value + validationSize} images, but ${filled.data.dataset} has ${BUILT_IN_TRAINING_IMAGES} training images; expected trainSize <= ${BUILT_IN_TRAINING_IMAGES - validationSize}`,
        });
      }
    }
  }
  const smallest = Math.min(...axis.trainSize.map((entry) => entry.value));
  if (batchSize > smallest) {
    issues.push({ path: ['training', 'batchSize'], severity: 'error', message: `batchSize ${batchSize} is larger than the smallest trainSize ${smallest}; expected at most ${smallest}` });
  }
  for (const entry of axis.rewindIteration) {
    if (entry.value >= iterations) {
      issues.push({ path: entry.path, severity: 'error', message: `rewindIteration ${entry.value} is not before the last iteration; expected less than iterations (${iterations})` });
    }
  }
  if (evaluateEvery > iterations) {
    issues.push({ path: ['training', 'evaluateEvery'], severity: 'warning', message: `evaluateEvery ${evaluateEvery} > iterations ${iterations}: the network is evaluated only before and after training, so early stopping has nothing to choose from` });
  }
  if (optimizer === 'adam' && momentum > 0) {
    issues.push({ path: ['training', 'momentum'], severity: 'warning', message: 'momentum is ignored by the adam optimizer' });
  }

  const layerSizes = [28 * 28, ...filled.model.hiddenLayers, CLASSES];
  const bytes = networkMemoryBytes(layerSizes, batchSize);
  if (bytes > MAX_NETWORK_BYTES) {
    issues.push({
      path: ['model', 'hiddenLayers'],
      severity: 'error',
      message: `a network of ${prunableWeights(layerSizes).toLocaleString('en-US')} weights needs about ${(bytes / 2 ** 30).toFixed(1)} GiB per worker; expected at most ${MAX_NETWORK_BYTES / 2 ** 30} GiB (make the hidden layers narrower)`,
    });
  }
  const fractions = axis.fraction.map((entry) => entry.value);
  const narrowest = Math.min(...layerSizes.slice(1, -1).map((size, index) => size * layerSizes[index]));
  const left = narrowest * (1 - Math.max(...fractions)) ** filled.pruning.rounds;
  if (filled.pruning.rounds > 0 && left < 1) {
    issues.push({ path: ['pruning', 'rounds'], severity: 'warning', message: `after ${filled.pruning.rounds} rounds the smallest hidden layer keeps ${left.toPrecision(2)} weights in expectation: the last rounds prune it away entirely` });
  }
  return issues;
}
