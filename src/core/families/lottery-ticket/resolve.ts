// Lottery-ticket file -> experiment: the schema's defaults filled in, every sweepable parameter
// as a list of distinct values in file order.
import { Value } from '@sinclair/typebox/value';
import { LotteryTicketSchema, type LotteryTicketFile } from './schema';
import { TICKET_AXES, type LotteryTicketExperiment, type TicketAxis } from './types';

type Filled = Required<Pick<LotteryTicketFile, 'seed' | 'trials'>> & {
  data: Required<Exclude<LotteryTicketFile['data'], undefined>>;
  model: Required<Exclude<LotteryTicketFile['model'], undefined>>;
  training: Required<Exclude<LotteryTicketFile['training'], undefined>>;
  pruning: Required<Exclude<LotteryTicketFile['pruning'], undefined>>;
  name?: string;
  description?: string;
};

/** The file with every default filled in; `file` itself is not changed. Expects a schema-valid file. */
export function withTicketDefaults(file: LotteryTicketFile): Filled {
  return Value.Default(LotteryTicketSchema, Value.Clone(file)) as Filled;
}

function asList(value: number | number[]): number[] {
  return [...new Set(Array.isArray(value) ? value : [value])];
}

/** Where each axis lives in the filled file. */
export function axisSource(filled: Filled, axis: TicketAxis): number | number[] {
  switch (axis) {
    case 'trainSize':
      return filled.data.trainSize;
    case 'learningRate':
      return filled.training.learningRate;
    case 'fraction':
      return filled.pruning.fraction;
    case 'rewindIteration':
      return filled.pruning.rewindIteration;
  }
}

export function resolveLotteryTicket(file: LotteryTicketFile, name: string): LotteryTicketExperiment {
  const filled = withTicketDefaults(file);
  const { data, model, training, pruning } = filled;
  return {
    kind: 'lottery-ticket',
    name: filled.name ?? name,
    ...(filled.description === undefined ? {} : { description: filled.description }),
    seed: filled.seed,
    trials: filled.trials,
    axes: Object.fromEntries(TICKET_AXES.map((axis) => [axis, asList(axisSource(filled, axis))])) as Record<TicketAxis, number[]>,
    dataset: data.dataset,
    validationSize: data.validationSize,
    normalize: data.normalize,
    hiddenLayers: model.hiddenLayers,
    init: model.init,
    optimizer: training.optimizer,
    momentum: training.momentum,
    batchSize: training.batchSize,
    iterations: training.iterations,
    evaluateEvery: training.evaluateEvery,
    method: pruning.method,
    scope: pruning.scope,
    outputFraction: pruning.outputFraction,
    rounds: pruning.rounds,
    controls: pruning.controls,
  };
}
