// The trials of a run in its open, locked folder: what is on disk already, how many workers, and
// the missing trials on a worker pool, each record appended (durably) before it is reported.
// The jobs are walked lazily and only a few are in flight at a time, so a sweep of 10^9 trials
// never becomes a list in memory. A trial whose training throws (e.g. an overflow) is recorded
// as failed with its reason and counted as done; only a broken worker fails the run.
import type { RunEvent } from '../../shared/protocol';
import type { ResolvedExperiment, RunManifest } from '../../shared/runManifest';
import { isFailedTrial, trialKey, type TrialRecord } from '../../shared/trialRecord';
import { errorMessage } from '../../shared/errorMessage';
import { axisNames, type ExperimentFamily } from '../families/experimentFamily';
import { sweepCheck } from '../runs/runReader';
import { readArtifacts, writeArtifacts } from '../runs/trialArtifacts';
import { describeRejectedLine, readTrialLog, TrialLogWriter } from '../runs/trialLog';
import type { PhasedSweep } from '../sweep/phasedSweep';
import { countTrialJobs, trialJobs, type Shard, type TrialJob } from '../sweep/trialJobs';
import { planResources } from './resourcePlan';
import { trialRecord } from './trialRecord';
import type { KeptWorkerPool } from './keptWorkerPool';
import { PoolTerminatedError, TaskFailedError, WorkerPool } from './workerPool';
import type { TrialTask } from './workerProtocol';

/** The jobs of a run (its shard of the sweep), walked on demand. */
export interface TrialSweep {
  jobs(): Generator<TrialJob>;
  /** The jobs of the sweep (at most, for a phased one). */
  jobCount: number;
  /** Records per trial (the networks of a pruning chain); 1 for most kinds. */
  parts: number;
  shard?: Shard;
  /** Set when the jobs are decided phase by phase (then `jobs` is unused). */
  phased?: PhasedSweep;
}

/** A phased sweep is never sharded: each phase needs every record of the earlier ones (runExperiment refuses --shard for it). */
export function trialSweep(family: ExperimentFamily, experiment: ResolvedExperiment, shard?: Shard): TrialSweep {
  const axes = axisNames(family);
  const phased = family.phasedSweep?.(experiment);
  if (phased) return { jobs: () => trialJobs(axes, experiment), jobCount: phased.maxJobs, parts: family.trialParts?.(experiment) ?? 1, phased };
  return {
    jobs: () => trialJobs(axes, experiment, shard),
    jobCount: countTrialJobs(axes, experiment, shard),
    parts: family.trialParts?.(experiment) ?? 1,
    ...(shard ? { shard } : {}),
  };
}

export interface TrialsRun {
  runDir: string;
  manifest: RunManifest;
  family: ExperimentFamily;
  experiment: ResolvedExperiment;
  sweep: TrialSweep;
  /** What the kind prepared for all its trials (see BUILT_IN_TRIAL_CONTEXTS). */
  context: unknown;
  workerScript: string;
  /** The run's records already in the folder (trialsOnDisk); for a phased sweep runTrials adds each record it writes. */
  onDisk: Map<string, TrialRecord[]>;
}

export interface TrialsOutcome {
  completedTrials: number;
  totalTrials: number;
  workers: number;
  /** Trials recorded as failed by this run. */
  failedTrials: number;
  /** What broke the run (a worker that died), if anything. */
  failure?: Error;
}

/**
 * Tasks handed to the pool at a time, per worker: a worker holds two (the one it runs and the
 * next, see WorkerPool), and the pool queues a second one only while every worker can get one.
 */
const TASKS_PER_WORKER = 3;

/** Emits run-started, runs the missing trials, and resolves once every record is on disk and reported. */
export async function runTrials(
  run: TrialsRun,
  options: { workers?: number; durable?: boolean; keptPool?: KeptWorkerPool<TrialTask, object> },
  onEvent: (event: RunEvent) => void,
  abortSignal: AbortSignal | undefined,
): Promise<TrialsOutcome> {
  const { runDir, manifest, family, experiment, sweep, context, workerScript, onDisk } = run;
  // A kind with parts streams every record from the worker (even a one-part chain); others return theirs.
  const streamsParts = family.trialParts !== undefined;
  const { parts } = sweep;
  const partsDone = (job: TrialJob) => doneCount(onDisk.get(trialKey({ cell: job.cellKey, trial: job.trial })), parts);
  // Progress counts records: one per trial, or one per part for kinds whose trials have parts.
  const totalTrials = sweep.jobCount * parts;
  let completedTrials = 0;
  let finishedTrials = 0;
  for (const done of onDisk.values()) {
    const count = doneCount(done, parts);
    completedTrials += count;
    if (count === parts) finishedTrials++;
  }
  const trialsToRun = sweep.jobCount - finishedTrials;
  const plan = planResources(family, experiment, { workers: options.workers, trialsToRun });
  const workers = plan.workers;

  const log = new TrialLogWriter(runDir, options.durable ?? true);
  onEvent({ type: 'run-started', runDir, manifest, totalTrials, completedTrials });
  for (const note of plan.notes) onEvent({ type: 'log', level: 'info', message: note });
  for (const warning of plan.warnings) onEvent({ type: 'log', level: 'warn', message: warning });
  if (workers > 0) {
    const what = streamsParts ? `${trialsToRun} of ${sweep.jobCount} trials (${parts} record${parts === 1 ? '' : 's'} each)` : `${trialsToRun} of ${totalTrials} trials`;
    onEvent({ type: 'log', level: 'info', message: `${what} to run on ${workers} worker thread${workers === 1 ? '' : 's'}` });
  }

  let failure: Error | undefined;
  let failedTrials = 0;
  /** A phased sweep that decided it is done before its most jobs: its total is what it ran. */
  let sweepFinished = sweep.phased !== undefined && trialsToRun === 0;
  if (workers > 0 && !abortSignal?.aborted) {
    const pool = options.keptPool?.borrow(workerScript, workers) ?? new WorkerPool<TrialTask, object>(workerScript, workers);
    let stopped = false;
    const stop = () => {
      stopped = true;
      log.flush(); // what is already written is reported without waiting
      void pool.terminate();
    };
    abortSignal?.addEventListener('abort', stop, { once: true });
    let unanswered = trialsToRun;
    // Records written but not yet durable and reported. A task's worker takes the next job as
    // soon as it has answered; its records are reported when their fsync is done.
    const reporting = new Set<Promise<void>>();
    let reportFailure: unknown;

    const runJob = async (job: TrialJob) => {
      const done = onDisk.get(trialKey({ cell: job.cellKey, trial: job.trial })) ?? [];
      let nextPart = done.length;
      /** Appends one record (after its artifacts), standing for `counts` records of progress, and reports it once it is on disk. */
      const keep = (metrics: object, artifacts: Record<string, Uint8Array> | undefined, part: number | undefined, counts = 1) => {
        if (artifacts) writeArtifacts(runDir, job.cellKey, job.trial, part ?? 0, artifacts);
        const record = trialRecord(family, experiment, job, metrics, part);
        // What a phased sweep's next phase decides from (a grid keeps nothing: its records may not fit in memory).
        if (sweep.phased) {
          const key = trialKey({ cell: job.cellKey, trial: job.trial });
          onDisk.set(key, [...(onDisk.get(key) ?? []), record]);
        }
        const report = log.append(record).then(() => {
          completedTrials += counts;
          onEvent({ type: 'trial-completed', record, completedTrials, totalTrials });
        });
        reporting.add(report);
        report.then(
          () => reporting.delete(report),
          (error: unknown) => {
            reporting.delete(report);
            reportFailure ??= error;
            stop();
          },
        );
      };
      try {
        const task: TrialTask = { kind: family.kind, spec: family.trialSpec(experiment, job.cell, job.trial), context, ...resumeOf(runDir, job, done) };
        const result = await pool.run(task, (part) => {
          if (streamsParts && nextPart < parts) keep(part.metrics, part.artifacts, nextPart++);
        });
        if (!streamsParts) keep(result, undefined, undefined);
        else if (nextPart < parts) throw new Error(`it ended after ${nextPart} of its ${parts} parts`);
      } catch (error) {
        if (error instanceof TaskFailedError && (!streamsParts || nextPart < parts)) {
          // The same seed would fail the same way: the trial is done, its record says why; a chain's later parts never come.
          keep({ failed: error.reason }, undefined, streamsParts ? nextPart : undefined, parts - nextPart);
          failedTrials++;
        } else if (!(error instanceof PoolTerminatedError)) {
          failure ??= new Error(`trial ${job.trial} of cell ${job.cellKey} failed: ${errorMessage(error)}`);
          stop();
        }
      } finally {
        if (--unanswered === 0) log.flush(); // the last record: no batching to wait for
      }
    };

    const runPhase = async (jobs: Iterable<TrialJob>) => {
      const remaining = (function* () {
        for (const job of jobs) if (partsDone(job) < parts) yield job;
      })();
      const lane = async () => {
        while (!stopped) {
          const next = remaining.next();
          if (next.done) return;
          await runJob(next.value);
        }
      };
      await Promise.all(Array.from({ length: workers * TASKS_PER_WORKER }, lane));
    };
    try {
      if (!sweep.phased) await runPhase(sweep.jobs());
      else sweepFinished = await runPhases(sweep.phased, onDisk, runPhase, () => stopped || failure !== undefined);
    } finally {
      abortSignal?.removeEventListener('abort', stop);
      // A kept pool stays warm for the next run unless this one was stopped (its threads were terminated) or broke.
      if (options.keptPool) await options.keptPool.giveBack(pool, !stopped && failure === undefined);
      else await pool.terminate();
      // Every record written is on disk before anyone hears of it (parts of a cut trial too).
      await Promise.allSettled([...reporting]);
    }
    if (reportFailure !== undefined) throw reportFailure;
  }
  log.close();
  if (failedTrials > 0) {
    onEvent({ type: 'log', level: 'warn', message: `${failedTrials} trial${failedTrials === 1 ? '' : 's'} failed; each record says why (field "failed"), and lth summarize lists them` });
  }
  const total = sweepFinished ? completedTrials : totalTrials;
  return { completedTrials, totalTrials: total, workers, failedTrials, ...(failure ? { failure } : {}) };
}

/**
 * Runs a phased sweep's phases in order, each decided from the records of every earlier phase
 * (those on disk from an earlier run included): a resumed run replays the same decisions and
 * runs only the jobs missing. Whether the sweep ran to its end (false once stopped).
 */
async function runPhases(
  phased: PhasedSweep,
  records: ReadonlyMap<string, TrialRecord[]>,
  runPhase: (jobs: TrialJob[]) => Promise<void>,
  interrupted: () => boolean,
): Promise<boolean> {
  const earlier: TrialJob[] = [];
  for (;;) {
    const jobs = phased.nextPhase(earlier.map((job) => ({ job, records: records.get(trialKey({ cell: job.cellKey, trial: job.trial })) ?? [] })));
    if (jobs.length === 0) return true;
    await runPhase(jobs);
    if (interrupted()) return false;
    earlier.push(...jobs);
  }
}

/** Records of the run's trials on disk that count as done (see doneCount), for a folder that says it completed. */
export function recordsDone(runDir: string, manifest: RunManifest, shard: Shard | undefined, parts: number): number {
  let done = 0;
  for (const records of trialsOnDisk(runDir, manifest, shard, () => {}).values()) done += doneCount(records, parts);
  return done;
}

/** Records of a trial that count as done: its unbroken parts, or all of them once one says the trial failed. */
function doneCount(done: readonly TrialRecord[] | undefined, parts: number): number {
  if (done === undefined) return 0;
  return done.some(isFailedTrial) ? parts : Math.min(done.length, parts);
}

/**
 * The run's records on disk by trial (cell and trial), each list the unbroken run of parts 0,
 * 1, 2, ... (a one-part kind: one record). Lines that are not records of this run's sweep or
 * shard are skipped, each with a warning that names it (a trial whose only record was such a line runs again).
 */
export function trialsOnDisk(runDir: string, manifest: RunManifest, shard: Shard | undefined, warn: (message: string) => void): Map<string, TrialRecord[]> {
  const { records, rejected } = readTrialLog(runDir, 0, sweepCheck(manifest, shard));
  for (const line of rejected) warn(`${describeRejectedLine(runDir, line)}; skipped (lth repair ${runDir} moves it aside)`);
  const byTrial = new Map<string, TrialRecord[]>();
  for (const record of records) {
    const key = trialKey({ cell: record.cell, trial: record.trial });
    const list = byTrial.get(key);
    if (list) list.push(record);
    else byTrial.set(key, [record]);
  }
  for (const [key, list] of byTrial) {
    // Only the unbroken run of parts 0, 1, 2, ... counts: a trial resumes after its last one.
    list.sort((left, right) => Number(left.part ?? 0) - Number(right.part ?? 0));
    const unbroken = list.findIndex((record, index) => Number(record.part ?? 0) !== index);
    if (unbroken >= 0) byTrial.set(key, list.slice(0, unbroken));
  }
  return byTrial;
}

/** A partly done trial resumes from its parts on disk and their artifacts. */
function resumeOf(runDir: string, job: TrialJob, done: readonly TrialRecord[]): Pick<TrialTask, 'resume'> {
  if (done.length === 0) return {};
  return { resume: { parts: [...done], artifacts: done.map((_, part) => readArtifacts(runDir, job.cellKey, job.trial, part)) } };
}
