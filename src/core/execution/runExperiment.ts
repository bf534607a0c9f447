// Runs one experiment file into a run folder: load and validate the config, create or resume
// the folder, run the missing trials on a worker pool, append each record (durably) before
// reporting it, and finish the manifest as completed, cancelled or failed. The CLI and the
// trainer child are thin wrappers around this.
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { formatProblem } from '../config/experimentProblem';
import { loadExperimentFile } from '../config/loadExperimentFile';
import { describeMachine } from '../runs/machine';
import { readManifest, writeManifest } from '../runs/manifestFile';
import { createRunFolder, isRunFolder } from '../runs/runFolder';
import type { RunManifest } from '../../shared/runManifest';
import { lockRunFolder, type RunLock } from '../runs/runLock';
import { trialKey } from '../../shared/trialRecord';
import { TOOL_VERSION } from '../runs/toolVersion';
import { readTrialLog, TrialLogWriter } from '../runs/trialLog';
import { readArtifacts, writeArtifacts } from '../runs/trialArtifacts';
import type { TrialRecord } from '../../shared/trialRecord';
import { experimentHash } from '../sweep/experimentHash';
import { listTrialJobs, type Shard, type TrialJob } from '../sweep/trialJobs';
import type { RunEvent } from '../../shared/protocol';
import { errorMessage } from '../../shared/errorMessage';
import type { ResolvedExperiment } from '../../shared/runManifest';
import { axisNames, type ExperimentFamily } from '../families/experimentFamily';
import { familyOf } from '../families/registry';
import { BUILT_IN_TRIAL_CONTEXTS } from '../families/trialRunners';
import type { TrialTask } from './workerProtocol';
import { trialRecord } from './trialRecord';
import { PoolTerminatedError, WorkerPool } from './workerPool';
import { trialWorkerScript } from './workerScript';

export interface RunOptions {
  configPath: string;
  /** Root under which <experiment>/<timestamp>/ is created; if it is itself a run folder, that folder is resumed. */
  outDir: string;
  /** A run folder to resume (takes precedence over outDir). */
  resumeDir?: string;
  /** Worker threads; default os.availableParallelism(). Never more than the trials left. */
  workers?: number;
  shard?: Shard;
  /** Worker script (tests substitute one); default: the trial worker (see workerScript.ts). */
  workerScript?: string;
  /** fsync every record before reporting it (default true); see TrialLogWriter. */
  durable?: boolean;
}

export interface RunOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  runDir: string;
  completedTrials: number;
  totalTrials: number;
  /** Worker threads used (0 when nothing was left to run). */
  workers: number;
  message?: string;
}

/** A run that could not start (invalid config, wrong folder): nothing was run or written. */
export class RunSetupError extends Error {
  override name = 'RunSetupError';
}

/** The run-finished event for a run that could not start, so that event consumers always get one. */
export function setupFailedEvent(error: RunSetupError): RunEvent {
  return { type: 'run-finished', status: 'failed', completedTrials: 0, totalTrials: 0, seconds: 0, message: error.message };
}

/**
 * Resolves when the run has ended, with how it ended; it rejects only with RunSetupError.
 * `onEvent` receives run-started, one trial-completed per record (after it is on disk), log
 * messages and run-finished. Aborting stops dispatching and terminates the workers (a trial in
 * flight is dropped: it was never reported, so nothing is lost) and ends the run as cancelled.
 */
export async function runExperiment(options: RunOptions, onEvent: (event: RunEvent) => void, abortSignal?: AbortSignal): Promise<RunOutcome> {
  const started = Date.now();
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) {
    throw new RunSetupError(`workers is ${options.workers}, expected an integer >= 1`);
  }
  const workerScript = findWorkerScript(options);
  const { experiment, file, warnings } = await loadExperiment(options.configPath);
  for (const warning of warnings) onEvent({ type: 'log', level: 'warn', message: warning });
  const family = familyOf(experiment.kind);
  const jobs = listTrialJobs(axisNames(family), experiment, options.shard);
  const context = prepareTrials(family, experiment, options.configPath);
  const { runDir, manifest } = openRunFolder(options, experiment, file, jobs.length * (family.trialParts?.(experiment) ?? 1));
  const lock = lockFolder(runDir);
  try {
    return await runInFolder({ runDir, manifest, family, experiment, jobs, context, started, workerScript }, options, onEvent, abortSignal);
  } finally {
    lock.release();
  }
}

/** A run whose config is loaded and whose folder is open and locked. */
interface PreparedRun {
  runDir: string;
  manifest: RunManifest;
  family: ExperimentFamily;
  experiment: ResolvedExperiment;
  jobs: TrialJob[];
  /** What the kind prepared for all its trials (see BUILT_IN_TRIAL_CONTEXTS). */
  context: unknown;
  /** Date.now() when the run was asked for. */
  started: number;
  workerScript: string;
}

/** The part of a run that writes its folder (under the folder's lock). */
async function runInFolder(
  prepared: PreparedRun,
  options: RunOptions,
  onEvent: (event: RunEvent) => void,
  abortSignal: AbortSignal | undefined,
): Promise<RunOutcome> {
  const { runDir, manifest, family, experiment, jobs, context, started, workerScript } = prepared;
  // A kind with parts streams every record from the worker (even a one-part chain); others return theirs.
  const streamsParts = family.trialParts !== undefined;
  const parts = family.trialParts?.(experiment) ?? 1;
  const partsOnDisk = partsOnDiskByTrial(readRecordsToResume(runDir));
  const partsDone = (job: TrialJob) => Math.min(partsOnDisk.get(trialKey({ cell: job.cellKey, trial: job.trial }))?.length ?? 0, parts);
  const remaining = jobs.filter((job) => partsDone(job) < parts);
  // Progress counts records: one per trial, or one per part for kinds whose trials have parts.
  const totalTrials = jobs.length * parts;
  let completedTrials = jobs.reduce((sum, job) => sum + partsDone(job), 0);
  const workers = remaining.length === 0 ? 0 : Math.min(options.workers ?? availableParallelism(), remaining.length);

  writeManifest(runDir, manifest);
  const log = new TrialLogWriter(runDir, options.durable ?? true);
  onEvent({ type: 'run-started', runDir, manifest, totalTrials, completedTrials });
  if (workers > 0) {
    const what = streamsParts ? `${remaining.length} of ${jobs.length} trials (${parts} record${parts === 1 ? '' : 's'} each)` : `${remaining.length} of ${totalTrials} trials`;
    onEvent({ type: 'log', level: 'info', message: `${what} to run on ${workers} worker thread${workers === 1 ? '' : 's'}` });
  }

  let failure: Error | undefined;
  if (workers > 0 && !abortSignal?.aborted) {
    const pool = new WorkerPool<TrialTask, object>(workerScript, workers);
    const stop = () => {
      log.flush(); // what is already written is reported without waiting
      void pool.terminate();
    };
    abortSignal?.addEventListener('abort', stop, { once: true });
    let unanswered = remaining.length;
    try {
      await Promise.all(
        remaining.map(async (job) => {
          const done = partsOnDisk.get(trialKey({ cell: job.cellKey, trial: job.trial })) ?? [];
          let nextPart = done.length;
          const appended: Promise<void>[] = [];
          /** Appends one record (after its artifacts), and reports it once it is on disk. */
          const keep = (metrics: object, artifacts: Record<string, Uint8Array> | undefined, part: number | undefined) => {
            if (artifacts) writeArtifacts(runDir, job.cellKey, job.trial, part ?? 0, artifacts);
            const record = trialRecord(family, experiment, job, metrics, part);
            const durable = log.append(record);
            appended.push(
              durable.then(() => {
                completedTrials++;
                onEvent({ type: 'trial-completed', record, completedTrials, totalTrials });
              }),
            );
            return durable;
          };
          try {
            const task: TrialTask = { kind: family.kind, spec: family.trialSpec(experiment, job.cell, job.trial), context, ...resumeOf(runDir, job, done) };
            const result = await pool.run(task, (part) => {
              if (streamsParts && nextPart < parts) keep(part.metrics, part.artifacts, nextPart++);
            });
            if (!streamsParts) keep(result, undefined, undefined);
            else if (nextPart < parts) throw new Error(`it ended after ${nextPart} of its ${parts} parts`);
            if (--unanswered === 0) log.flush(); // the last record: no batching to wait for
          } catch (error) {
            if (!(error instanceof PoolTerminatedError)) {
              failure ??= new Error(`trial ${job.trial} of cell ${job.cellKey} failed: ${errorMessage(error)}`);
              stop();
            }
          } finally {
            await Promise.all(appended); // on disk before anyone hears of it (parts of a cut trial too)
          }
        }),
      );
    } finally {
      abortSignal?.removeEventListener('abort', stop);
      await pool.terminate();
    }
  }
  log.close();

  const status = failure ? 'failed' : completedTrials === totalTrials ? 'completed' : 'cancelled';
  const message = failure?.message;
  writeManifest(runDir, { ...manifest, status, endedAt: new Date().toISOString() });
  const seconds = (Date.now() - started) / 1000;
  onEvent({ type: 'run-finished', status, completedTrials, totalTrials, seconds, ...(message ? { message } : {}) });
  return { status, runDir, completedTrials, totalTrials, workers, ...(message ? { message } : {}) };
}

function lockFolder(runDir: string): RunLock {
  try {
    return lockRunFolder(runDir);
  } catch (error) {
    throw new RunSetupError(`cannot run: ${errorMessage(error)}`);
  }
}

function findWorkerScript(options: RunOptions): string {
  try {
    return options.workerScript ?? trialWorkerScript();
  } catch (error) {
    throw new RunSetupError(errorMessage(error));
  }
}

async function loadExperiment(configPath: string) {
  let result;
  try {
    result = await loadExperimentFile(configPath);
  } catch (error) {
    throw new RunSetupError(errorMessage(error));
  }
  if (!result.ok) {
    const problems = result.problems.map((problem) => formatProblem(configPath, problem));
    throw new RunSetupError(`${configPath} is not a valid experiment file:\n${problems.join('\n')}`);
  }
  const warnings = result.problems.map((problem) => formatProblem(configPath, problem));
  return { experiment: result.experiment, file: result.file, warnings };
}

/** Creates a fresh run folder, or reopens one to resume after checking it holds the same trials. */
function openRunFolder(options: RunOptions, experiment: ResolvedExperiment, file: RunManifest['config'], totalTrials: number) {
  const configHash = experimentHash(experiment);
  const now = new Date();
  const resumeDir = options.resumeDir ?? (isRunFolder(options.outDir) ? options.outDir : undefined);
  if (resumeDir === undefined) {
    const runDir = createRunFolder(options.outDir, experiment.name, now);
    const manifest: RunManifest = {
      experiment: experiment.name,
      kind: experiment.kind,
      config: file,
      resolved: experiment,
      configHash,
      toolVersion: TOOL_VERSION,
      seed: experiment.seed,
      machine: describeMachine(),
      ...(options.shard ? { shard: options.shard } : {}),
      totalTrials,
      startedAt: now.toISOString(),
      status: 'running',
    };
    return { runDir, manifest };
  }

  let previous: RunManifest;
  try {
    previous = readManifest(resumeDir);
  } catch (error) {
    throw new RunSetupError(`cannot resume: ${errorMessage(error)}`);
  }
  if (previous.configHash !== configHash) {
    throw new RunSetupError(
      `cannot resume ${resumeDir}: the folder was run with a different config (its configHash is ${previous.configHash.slice(0, 12)}…, ` +
        `${options.configPath} now gives ${configHash.slice(0, 12)}…); run without --resume to start a new folder`,
    );
  }
  if (shardText(previous.shard) !== shardText(options.shard)) {
    throw new RunSetupError(`cannot resume ${resumeDir}: the folder was run as ${shardText(previous.shard)}, not ${shardText(options.shard)}`);
  }
  const { endedAt: _endedAt, ...unfinished } = previous;
  const manifest: RunManifest = {
    ...unfinished,
    toolVersion: TOOL_VERSION,
    machine: describeMachine(),
    totalTrials,
    resumedAt: [...(previous.resumedAt ?? []), now.toISOString()],
    status: 'running',
  };
  return { runDir: resumeDir, manifest };
}

/** The records on disk by trial (cell and trial), each list in part order (a one-part kind: one record). */
function partsOnDiskByTrial(records: readonly TrialRecord[]): Map<string, TrialRecord[]> {
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

/** What the kind prepares once for all trials of the run (e.g. its data set, in shared memory); before any folder is made. */
function prepareTrials(family: ExperimentFamily, experiment: ResolvedExperiment, configPath: string): unknown {
  try {
    return BUILT_IN_TRIAL_CONTEXTS[family.kind]?.(experiment, dirname(resolve(configPath)));
  } catch (error) {
    throw new RunSetupError(`${configPath}: ${errorMessage(error)}`);
  }
}

function readRecordsToResume(runDir: string) {
  try {
    return readTrialLog(runDir).records;
  } catch (error) {
    throw new RunSetupError(`cannot resume: ${errorMessage(error)}`);
  }
}

function shardText(shard: Shard | undefined): string {
  return shard ? `shard ${shard.index}/${shard.count}` : 'the whole sweep (no shard)';
}
