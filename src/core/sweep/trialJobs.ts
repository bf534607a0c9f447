// The list of trainings a run performs (cells × trials), and its deterministic split into shards
// (`--shard I/N`) that separate machines can run and whose run folders merge by union.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { SweepCell } from '../families/experimentFamily';
import { murmurHash3Text } from './murmurHash3';
import { cellKey, expandCells } from './sweepCells';
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

function shardOf(job: TrialJob, count: number): number {
  return (murmurHash3Text(`${job.cellKey}#${job.trial}`, SHARD_HASH_SEED) % count) + 1;
}

/**
 * The jobs of shard `index` (from 1) of `count`: those whose hash of (cell key, trial) falls in
 * it. Membership depends on nothing else, so every shard agrees without coordination, the
 * shards are disjoint and together hold every job, sizes are balanced in expectation, and a
 * trial stays in its shard when the experiment gains cells or trials.
 */
export function shardTrials(all: readonly TrialJob[], index: number, count: number): TrialJob[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new RangeError(`shardTrials: shard ${index}/${count} is not I/N with 1 ≤ I ≤ N`);
  }
  return all.filter((job) => shardOf(job, count) === index);
}

/**
 * Every job of the experiment (or of one shard), trial-major: trial 0 of every cell first, then
 * trial 1, ... so that a partly finished run already covers the whole grid; cells in
 * expandCells order within a trial; `axes` in the family's order.
 */
export function listTrialJobs(axes: readonly string[], experiment: ResolvedExperiment, shard?: Shard): TrialJob[] {
  const cells = expandCells(axes, experiment).map((cell) => ({ cell, cellKey: cellKey(axes, cell) }));
  const jobs: TrialJob[] = [];
  for (let trial = 0; trial < experiment.trials; trial++) {
    for (const { cell, cellKey: key } of cells) jobs.push({ cell, cellKey: key, trial, seed: trialSeed(experiment.seed, key, trial) });
  }
  return shard === undefined ? jobs : shardTrials(jobs, shard.index, shard.count);
}
