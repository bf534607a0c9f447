// The list of trainings a run performs (cells × trials), and its deterministic split into shards
// (`--shard I/N`) that separate machines can run and whose run folders merge by union.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { SweepCell } from '../families/experimentFamily';
import { murmurHash3Text } from './murmurHash3';
import { cellCount, cellKey, sweepCells } from './sweepCells';
import { trialSeed } from './trialSeed';

/** One training to run: a cell, a trial index (from 0) and that trial's seed. */
export interface TrialJob {
  cell: SweepCell;
  cellKey: string;
  trial: number;
  seed: number;
}

/** Shard `index` of `count`, numbered from 1 like `--shard 1/4` (and RunManifest.shard). */
export interface Shard {
  index: number;
  count: number;
}

/** Hash seed for shard membership, fixed so that a trial's shard does not depend on the experiment seed. */
const SHARD_HASH_SEED = 0x5ad0;

/** Parses `I/N` (1 ≤ I ≤ N) as given to `--shard`; throws a message that says what was expected. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null) throw new Error(`--shard ${JSON.stringify(text)}: expected I/N, e.g. 1/4 (shard I of N, numbered from 1)`);
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    throw new Error(`--shard ${text}: expected I/N with 1 ≤ I ≤ N (shards are numbered from 1)`);
  }
  return shard;
}

/** The shard (from 1) of `count` that trial `trial` of the cell keyed `key` belongs to. */
export function shardOf(key: string, trial: number, count: number): number {
  return (murmurHash3Text(`${key}#${trial}`, SHARD_HASH_SEED) % count) + 1;
}

function checkShard(index: number, count: number): void {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new RangeError(`shardTrials: shard ${index}/${count} is not I/N with 1 ≤ I ≤ N`);
  }
}

/**
 * The jobs of shard `index` (from 1) of `count`: those whose hash of (cell key, trial) falls in
 * it. Membership depends on nothing else, so every shard agrees without coordination, the
 * shards are disjoint and together hold every job, sizes are balanced in expectation, and a
 * trial stays in its shard when the experiment gains cells or trials.
 */
export function shardTrials(all: readonly TrialJob[], index: number, count: number): TrialJob[] {
  checkShard(index, count);
  return all.filter((job) => shardOf(job.cellKey, job.trial, count) === index);
}

/**
 * Every job of the experiment (or of one shard), one at a time (a sweep of 10^9 trainings is
 * walked, never listed), trial-major: trial 0 of every cell first, then trial 1, ... so that a
 * partly finished run already covers the whole grid; cells in sweepCells order within a trial;
 * `axes` in the family's order. Each call starts a fresh walk in the same order.
 */
export function* trialJobs(axes: readonly string[], experiment: ResolvedExperiment, shard?: Shard): Generator<TrialJob> {
  if (shard) checkShard(shard.index, shard.count);
  for (let trial = 0; trial < experiment.trials; trial++) {
    for (const cell of sweepCells(axes, experiment)) {
      const key = cellKey(axes, cell);
      if (shard && shardOf(key, trial, shard.count) !== shard.index) continue;
      yield { cell, cellKey: key, trial, seed: trialSeed(experiment.seed, key, trial) };
    }
  }
}

/** The jobs of trialJobs as an array, for sweeps known to be small. */
export function listTrialJobs(axes: readonly string[], experiment: ResolvedExperiment, shard?: Shard): TrialJob[] {
  return [...trialJobs(axes, experiment, shard)];
}

/**
 * How many jobs trialJobs walks: cells × trials for the whole sweep; a shard's are counted by
 * walking its hashes (time linear in the sweep, memory constant).
 */
export function countTrialJobs(axes: readonly string[], experiment: ResolvedExperiment, shard?: Shard): number {
  if (shard === undefined) return cellCount(experiment) * experiment.trials;
  checkShard(shard.index, shard.count);
  let count = 0;
  for (let trial = 0; trial < experiment.trials; trial++) {
    for (const cell of sweepCells(axes, experiment)) if (shardOf(cellKey(axes, cell), trial, shard.count) === shard.index) count++;
  }
  return count;
}
