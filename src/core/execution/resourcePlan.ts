// Before a run starts: does it fit this machine, on how many worker threads, and for how long?
// The family estimates a worker's peak memory and the sweep's time from the resolved experiment
// (ExperimentFamily.estimate); this compares them with the machine's memory and cores. A run that
// cannot fit is refused with the fields to change, the worker count is lowered to what the cores
// and the memory allow, and a long run is announced with its estimated time.
import { availableParallelism, totalmem } from 'node:os';
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { ExperimentFamily, MemoryItem, ResourceEstimate } from '../families/experimentFamily';
import { cellCount } from '../sweep/sweepCells';
import { formatBytes, formatDuration, plural } from '../../shared/formatQuantity';

export interface Machine {
  memoryBytes: number;
  cores: number;
}

export function thisMachine(): Machine {
  return { memoryBytes: totalmem(), cores: availableParallelism() };
}

/** A run plans with at most this share of the machine's memory: the system, the editor and the main thread need the rest. */
export const USABLE_MEMORY_SHARE = 0.75;
/** A worker thread's own memory (its V8 isolate and the WebAssembly modules), beside what its trials allocate. */
export const WORKER_BASELINE_BYTES = 64 * 2 ** 20;
/** A run estimated to take longer than this is announced with its estimate. */
export const LONG_RUN_SECONDS = 3600;

export interface ResourcePlan {
  workers: number;
  /** Absent for a family without an estimate. */
  estimate?: ResourceEstimate;
  bytesPerWorker: number;
  /** Estimated seconds for the trials to run on `workers` threads (an upper bound; 0 without an estimate). */
  seconds: number;
  /** Why fewer workers than asked for (or than cores) run. */
  notes: string[];
  /** A run this long deserves a second thought. */
  warnings: string[];
}

/** The run cannot fit the machine (or the family's own limits): nothing was run or written. */
export class ResourceLimitError extends Error {
  override name = 'ResourceLimitError';
}

/**
 * How a run of `trialsToRun` trials of `experiment` will use this machine. `workers` is what was
 * asked for (default: one per core). Throws ResourceLimitError when one worker cannot fit.
 */
export function planResources(
  family: ExperimentFamily,
  experiment: ResolvedExperiment,
  request: { workers?: number; trialsToRun: number },
  machine: Machine = thisMachine(),
): ResourcePlan {
  const notes: string[] = [];
  const asked = request.workers ?? machine.cores;
  let workers = asked;
  if (request.workers !== undefined && request.workers > machine.cores) {
    notes.push(`${plural(request.workers, 'worker thread')} asked for, but this machine has ${plural(machine.cores, 'core')}: running ${machine.cores}`);
    workers = machine.cores;
  }
  const estimate = family.estimate?.(experiment);
  if (estimate === undefined) return { workers: Math.min(workers, request.trialsToRun), bytesPerWorker: 0, seconds: 0, notes, warnings: [] };

  if (estimate.refusal) throw new ResourceLimitError(`cannot run: ${estimate.refusal}`);
  const bytesPerWorker = WORKER_BASELINE_BYTES + total(estimate.perWorker);
  const usable = machine.memoryBytes * USABLE_MEMORY_SHARE - total(estimate.shared);
  if (bytesPerWorker > usable) throw new ResourceLimitError(tooLarge(estimate, bytesPerWorker, machine));
  const fitting = Math.floor(usable / bytesPerWorker);
  if (fitting < workers) {
    notes.push(`each worker thread needs about ${formatBytes(bytesPerWorker)} and a run may use ${formatBytes(usable)} of this machine's ${formatBytes(machine.memoryBytes)}: running ${plural(fitting, 'worker thread')}`);
    workers = fitting;
  }
  workers = Math.min(workers, request.trialsToRun);
  const sweepTrials = family.phasedSweep?.(experiment)?.maxJobs ?? cellCount(experiment) * experiment.trials;
  const seconds = workers === 0 ? 0 : (estimate.workerSeconds * (request.trialsToRun / sweepTrials)) / workers;
  const warnings =
    seconds > LONG_RUN_SECONDS
      ? [
          `this run may take up to about ${formatDuration(seconds)} on ${plural(workers, 'worker thread')} (${plural(Math.round(estimate.trainings * (request.trialsToRun / sweepTrials)), 'training')}); ` +
            'consider fewer sweep values or trials, or splitting it over machines with --shard',
        ]
      : [];
  return { workers, estimate, bytesPerWorker, seconds, notes, warnings };
}

/** "about 24 MiB per worker thread, up to about 3 s on 2 worker threads": what `lth validate` prints. */
export function describePlan(plan: ResourcePlan): string {
  if (plan.estimate === undefined) return 'no estimate for this kind';
  const shared = total(plan.estimate.shared);
  const sharedText = shared > 0 ? ` plus ${formatBytes(shared)} shared` : '';
  return `about ${formatBytes(plan.bytesPerWorker)} per worker thread${sharedText}, up to about ${formatDuration(plan.seconds)} on ${plural(plan.workers, 'worker thread')}`;
}

function tooLarge(estimate: ResourceEstimate, bytesPerWorker: number, machine: Machine): string {
  const biggest: MemoryItem = estimate.perWorker[0];
  return (
    `cannot run: one worker thread needs about ${formatBytes(bytesPerWorker)}, mostly ${biggest.what} (${formatBytes(biggest.bytes)}), ` +
    `but this machine has ${formatBytes(machine.memoryBytes)} of memory and a run may use ${Math.round(USABLE_MEMORY_SHARE * 100)}% of it; ` +
    `expected at most ${formatBytes(machine.memoryBytes * USABLE_MEMORY_SHARE - total(estimate.shared))} per worker: lower ${biggest.fields.join(' or ')}`
  );
}

function total(items: readonly MemoryItem[]): number {
  return items.reduce((sum, item) => sum + item.bytes, 0);
}
