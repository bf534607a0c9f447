// Whether a record on disk is one of the trials of a run's sweep. Records carry no config hash,
// but everything that names a trial is checkable against the run's resolved experiment: the
// cell key must be a cell of its grid, the trial and part within its counts, the seed the one
// the experiment seed gives that trial (a record copied from a run with another seed fails
// here), and the trial in the folder's shard. Checked per record, without walking the grid.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { PhasedSweep } from './phasedSweep';
import { cellKey } from './sweepCells';
import { shardOf, type Shard } from './trialJobs';
import { trialSeed } from './trialSeed';

/** What a record must match: the run's experiment, the family's axes and parts, the folder's shard. */
export interface SweepIdentity {
  axes: readonly string[];
  experiment: ResolvedExperiment;
  /** Records per trial (a pruning chain's networks); 1 for most kinds. */
  parts: number;
  shard?: Shard;
  /** A sweep run in phases: it says which cells and trials it can hold (the grid's check does not apply). */
  phased?: PhasedSweep;
}

/** The identifying fields of a record (cell, trial, part, seed). */
export interface RecordIdentity {
  cell: string;
  trial: number;
  seed: number;
  part?: unknown;
}

/** Why `record` is not a trial of the sweep (worded for a warning), or undefined when it is one. */
export function outsideSweep(sweep: SweepIdentity, record: RecordIdentity): string | undefined {
  const { axes, experiment, parts, shard, phased } = sweep;
  if (phased) {
    const outside = phased.outside(record.cell, record.trial);
    if (outside !== undefined) return outside;
  } else {
    if (!isCellOfGrid(axes, experiment, record.cell)) return `cell "${record.cell}" is not a cell of this run's sweep`;
    if (record.trial >= experiment.trials) return `trial ${record.trial} is past the ${experiment.trials} trials per cell of this run's sweep`;
  }
  const part = record.part ?? 0;
  if (!(Number.isInteger(part) && (part as number) >= 0 && (part as number) < parts)) {
    return `part ${JSON.stringify(record.part)} is not one of the ${parts} parts of a trial (0 to ${parts - 1})`;
  }
  const seed = trialSeed(experiment.seed, record.cell, record.trial);
  if (record.seed !== seed) return `seed ${record.seed} is not this run's seed for that trial (${seed}): the record comes from another experiment`;
  if (shard && shardOf(record.cell, record.trial, shard.count) !== shard.index) return `the trial belongs to shard ${shardOf(record.cell, record.trial, shard.count)}/${shard.count}, not to this folder's ${shard.index}/${shard.count}`;
  return undefined;
}

/** Whether `key` is the canonical key of a cell of the grid: each axis in order, each value one of the axis's. */
export function isCellOfGrid(axes: readonly string[], experiment: ResolvedExperiment, key: string): boolean {
  const fields = key === '' ? [] : key.split(',');
  if (fields.length !== axes.length) return false;
  const cell: Record<string, number> = {};
  for (let index = 0; index < axes.length; index++) {
    const prefix = `${axes[index]}=`;
    if (!fields[index].startsWith(prefix)) return false;
    const value = Number(fields[index].slice(prefix.length));
    if (!(experiment.axes[axes[index]] ?? []).includes(value)) return false;
    cell[axes[index]] = value;
  }
  return cellKey(axes, cell) === key;
}
