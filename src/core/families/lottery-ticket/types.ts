// The resolved forms of a lottery-ticket experiment: file -> LotteryTicketExperiment (defaults
// filled, axes as lists) -> cell -> TicketChainSpec (what a worker trains) -> one record per
// (round, variant) of the chain.
import type { DatasetChoice } from './schema';

export const TICKET_AXES = ['trainSize', 'learningRate', 'fraction', 'rewindIteration'] as const;
export type TicketAxis = (typeof TICKET_AXES)[number];

export type TicketControl = 'random-reinit' | 'random-prune';
/** What a record measures: the ticket (round 0: the dense network) or a control of its round. */
export type TicketVariant = 'ticket' | TicketControl;

export interface TicketSettings {
  dataset: DatasetChoice;
  validationSize: number;
  normalize: boolean;
  hiddenLayers: number[];
  init: 'kaiming-normal' | 'glorot-normal';
  optimizer: 'sgd' | 'adam';
  momentum: number;
  batchSize: number;
  iterations: number;
  evaluateEvery: number;
  method: 'imp' | 'one-shot';
  scope: 'layerwise' | 'global';
  outputFraction: number;
  rounds: number;
  controls: TicketControl[];
}

export interface LotteryTicketExperiment extends TicketSettings {
  kind: 'lottery-ticket';
  name: string;
  description?: string;
  seed: number;
  trials: number;
  axes: Record<TicketAxis, number[]>;
}

export type TicketCell = Record<TicketAxis, number>;

/** One pruning chain: the dense training, then `rounds` rounds, each with its controls. */
export interface TicketChainSpec extends TicketSettings, TicketCell {
  /** The trial's seed: initialization, batches and controls derive from it. */
  seed: number;
  /** The data split's seed, the same for every trial of the experiment (one validation set, nested N). */
  dataSeed: number;
}

/** The parts of a chain in order: round 0 (dense), then per round the ticket and its controls. */
export function chainParts(rounds: number, controls: readonly TicketControl[]): Array<{ round: number; variant: TicketVariant }> {
  const parts: Array<{ round: number; variant: TicketVariant }> = [{ round: 0, variant: 'ticket' }];
  for (let round = 1; round <= rounds; round++) {
    parts.push({ round, variant: 'ticket' });
    for (const control of controls) parts.push({ round, variant: control });
  }
  return parts;
}

/** What one network of a chain measured (one record). */
export type TicketMetrics = {
  round: number;
  variant: TicketVariant;
  /** Fraction of prunable weights kept (all layers), and per layer. */
  density: number;
  layerDensity: number[];
  /** Tickets only: how many kept first-layer weights each input pixel feeds. */
  inputUsage?: number[];
  seconds: number;
} & TrainingOutcome;

/** What training one network measured. */
export type TrainingOutcome = {
  /** At the early-stopping iteration (least validation loss): the main measurement. */
  testError: number;
  testLoss: number;
  earlyStopIteration: number;
  validationError: number;
  validationLoss: number;
  /** After the last iteration. */
  finalTestError: number;
  trainError: number;
  /** finalTestError - trainError. */
  generalizationGap: number;
  /** Validation loss and error at evaluations (at most CURVE_POINTS of them, evenly thinned). */
  curve: { iterations: number[]; validationLoss: number[]; validationError: number[] };
};
