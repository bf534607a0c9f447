// One cell and trial -> the pruning chain a worker runs.
import { trialSeed } from '../../sweep/trialSeed';
import type { LotteryTicketExperiment, TicketCell, TicketChainSpec } from './types';

/** Hashed like a cell key, but no cell key has these forms, so their seeds are their own. */
const DATA_SPLIT_KEY = 'data-split';
const REPLICATE_KEY = 'replicate';

/**
 * Trial t of every cell starts from the same initialization and sees batches in the same order
 * (common random numbers): a difference between two cells — two N, two learning rates — is the
 * effect of that difference, not of another draw. The data split is the experiment's, so the
 * validation set is one and the N images of a smaller N are among those of a larger one.
 */
export function ticketChainSpec(experiment: LotteryTicketExperiment, cell: TicketCell, trial: number): TicketChainSpec {
  const { kind: _kind, name: _name, description: _description, seed, trials: _trials, axes: _axes, ...settings } = experiment;
  return { ...settings, ...cell, seed: trialSeed(seed, REPLICATE_KEY, trial), dataSeed: trialSeed(seed, DATA_SPLIT_KEY, 0) };
}
