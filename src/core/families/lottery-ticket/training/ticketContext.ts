// What every chain of a run shares, prepared once on the main thread: the data set, loaded into
// shared memory (workers read it without a copy), checked against the sizes the file asks for
// before anything runs — an IDX folder's image count is known only once it is read.
import { loadDataset } from '../data/loadDataset';
import type { LotteryTicketExperiment } from '../types';
import type { TicketContext } from './ticketChain';

export function prepareTicketRun(experiment: LotteryTicketExperiment, configDir: string): TicketContext {
  const dataset = loadDataset(experiment.dataset, configDir);
  const largest = Math.max(...experiment.axes.trainSize);
  const needed = largest + experiment.validationSize;
  if (needed > dataset.train.count) {
    throw new Error(
      `data.trainSize ${largest} + data.validationSize ${experiment.validationSize} = ${needed} images, but ${dataset.name} has ${dataset.train.count} training images; expected trainSize <= ${dataset.train.count - experiment.validationSize}`,
    );
  }
  return { dataset };
}
