// Runs one experiment file into a run folder: load and validate the config, create or resume
// the folder, run the missing trials on a worker pool, append each record (durably) before
// reporting it, and finish the manifest as completed, cancelled or failed. The CLI and the
// trainer child are thin wrappers around this.
import { accessSync, constants, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatProblem } from '../config/experimentProblem';
import { loadValidExperimentFile } from '../config/loadExperimentFile';
import { experimentFilePath } from '../runs/experimentFilePath';
import { describeMachine } from '../runs/machine';
import { readManifest, writeManifest } from '../runs/manifestFile';
import { FileSystemError, fileSystemReason } from '../runs/fileSystemError';
import { createRunFolder, isRunFolder, MANIFEST_FILE, TRIALS_FILE } from '../runs/runFolder';
import { describeSweep, removeLeftoverTemporaryFiles } from '../runs/leftoverTemporaryFiles';
import { listRuns } from '../runs/runListing';
import { runToContinue } from '../runs/runToContinue';
import type { RunManifest } from '../../shared/runManifest';
import { lockRunFolder, type RunLock } from '../runs/runLock';
import { TOOL_VERSION } from '../runs/toolVersion';
import type { TrialRecord } from '../../shared/trialRecord';
import { experimentHash } from '../sweep/experimentHash';
import type { Shard } from '../sweep/trialJobs';
import type { RunEvent } from '../../shared/protocol';
import { errorMessage } from '../../shared/errorMessage';
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { ExperimentFamily } from '../families/experimentFamily';
import { familyOf } from '../families/registry';
import { BUILT_IN_TRIAL_CONTEXTS } from '../families/trialRunners';
import { planResources, ResourceLimitError } from './resourcePlan';
import { recordsDone, runTrials, trialsOnDisk, trialSweep, type TrialsRun, type TrialSweep } from './runTrials';
import type { KeptWorkerPool } from './keptWorkerPool';
import type { TrialTask } from './workerProtocol';
import { trialWorkerScript } from './workerScript';

export interface RunOptions {
  configPath: string;
  /** Root under which <experiment>/<timestamp>/ is created; if it is itself a run folder, that folder is resumed. */
  outDir: string;
  /** A run folder to resume (takes precedence over outDir). */
  resumeDir?: string;
  /**
   * Continue the newest run of the same trials under outDir instead of starting a new folder
   * (see runToContinue): `lth run`'s default, off with --new. The extension applies the same
   * rule itself and passes resumeDir.
   */
  continueLatest?: boolean;
  /** Take the folder's lock over even from a holder that seems to run (lth run --force-unlock). */
  forceUnlock?: boolean;
  /** The experiment file as the manifest names it (see experimentFilePath); default: relative to the working folder. */
  experimentFile?: string;
  /** Worker threads; default os.availableParallelism(). Never more than the trials left. */
  workers?: number;
  shard?: Shard;
  /** Worker script (tests substitute one); default: the trial worker (see workerScript.ts). */
  workerScript?: string;
  /** fsync every record before reporting it (default true); see TrialLogWriter. */
  durable?: boolean;
  /** A pool kept between runs (the extension's warm trainer); default: a fresh pool for this run. */
  keptPool?: KeptWorkerPool<TrialTask, object>;
}

export interface RunOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  runDir: string;
  completedTrials: number;
  totalTrials: number;
  /** Worker threads used (0 when nothing was left to run). */
  workers: number;
  message?: string;
  /** The folder's run had completed before: nothing ran and nothing in the folder changed. */
  alreadyCompleted?: true;
}

/** Log messages of a run, as events. */
type RunLog = (level: 'info' | 'warn', message: string) => void;

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
  if (options.shard && family.phasedSweep?.(experiment)) {
    throw new RunSetupError(`${options.configPath}: an adaptive sweep cannot be sharded (--shard): each phase is decided from every record of the earlier ones; run it whole`);
  }
  const sweep = trialSweep(family, experiment, options.shard);
  checkResources(family, experiment, options, sweep.jobCount);
  const context = prepareTrials(family, experiment, options.configPath);
  const log: RunLog = (level, message) => onEvent({ type: 'log', level, message });
  const { runDir, manifest } = openRunFolder(options, experiment, file, sweep, log);
  if (manifest.status === 'completed') return alreadyCompleted(runDir, manifest, onEvent);
  const lock = lockFolder(runDir, options.forceUnlock ?? false);
  if (lock.takeOverNote) log('warn', lock.takeOverNote);
  try {
    return await runInFolder({ runDir, manifest, family, experiment, sweep, context, started, workerScript }, options, onEvent, abortSignal);
  } finally {
    lock.release();
  }
}

/** A run whose config is loaded and whose folder is open and locked. */
/** A run's folder and plan before its trials start: runTrials' input without what is on disk yet. */
interface PreparedRun extends Omit<TrialsRun, 'onDisk'> {
  /** Date.now() when the run was asked for. */
  started: number;
}

/** The part of a run that writes its folder (under the folder's lock). */
async function runInFolder(
  prepared: PreparedRun,
  options: RunOptions,
  onEvent: (event: RunEvent) => void,
  abortSignal: AbortSignal | undefined,
): Promise<RunOutcome> {
  const { runDir, manifest, started } = prepared;
  sweepTemporaryFiles(runDir, onEvent);
  const onDisk = readTrialsToResume(prepared, onEvent);
  writeManifest(runDir, manifest);
  const { completedTrials, totalTrials, workers, failure } = await runTrials({ ...prepared, onDisk }, options, onEvent, abortSignal);

  const status = failure ? 'failed' : completedTrials === totalTrials ? 'completed' : 'cancelled';
  const message = failure?.message;
  // A phased sweep's total is known once it ends (its manifest began with its most jobs).
  writeManifest(runDir, { ...manifest, totalTrials, status, endedAt: new Date().toISOString() });
  const seconds = (Date.now() - started) / 1000;
  onEvent({ type: 'run-finished', status, completedTrials, totalTrials, seconds, ...(message ? { message } : {}) });
  return { status, runDir, completedTrials, totalTrials, workers, ...(message ? { message } : {}) };
}

/** Where a completed run's results are, told the way every run ends (run-started, run-finished). */
function alreadyCompleted(runDir: string, manifest: RunManifest, onEvent: (event: RunEvent) => void): RunOutcome {
  const total = manifest.totalTrials;
  onEvent({ type: 'run-started', runDir, manifest, totalTrials: total, completedTrials: total });
  onEvent({ type: 'run-finished', status: 'completed', completedTrials: total, totalTrials: total, seconds: 0, message: 'already completed: nothing to run' });
  return { status: 'completed', runDir, completedTrials: total, totalTrials: total, workers: 0, alreadyCompleted: true };
}

function lockFolder(runDir: string, force: boolean): RunLock {
  try {
    return lockRunFolder(runDir, force);
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
    result = await loadValidExperimentFile(configPath);
  } catch (error) {
    throw new RunSetupError(errorMessage(error));
  }
  // The theory's notes (information) belong to the editor and `lth validate`, not to every run's log.
  const warnings = result.problems.filter((problem) => problem.severity === 'warning').map((problem) => formatProblem(configPath, problem));
  return { experiment: result.experiment, file: result.file, warnings };
}

/**
 * Creates a fresh run folder, or reopens one to resume after checking it holds the same trials
 * and can be written. A folder whose run completed is returned with its manifest unchanged
 * (status "completed"): nothing is left to run in it.
 */
function openRunFolder(
  options: RunOptions,
  experiment: ResolvedExperiment,
  file: RunManifest['config'],
  sweep: TrialSweep,
  log: RunLog,
): { runDir: string; manifest: RunManifest } {
  const totalTrials = sweep.jobCount * sweep.parts;
  const configHash = experimentHash(experiment);
  const now = new Date();
  const resumeDir = options.resumeDir ?? folderToContinue(options, experiment.name, configHash, log);
  if (resumeDir === undefined) {
    const runDir = newRunFolder(options.outDir, experiment.name, now);
    const manifest: RunManifest = {
      experiment: experiment.name,
      experimentFile: sourceFileOf(options),
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
    if (options.resumeDir !== undefined) throw new RunSetupError(`cannot resume ${resumeDir}: ${errorMessage(error)}`);
    throw new RunSetupError(`cannot run into --out ${resumeDir}: ${errorMessage(error)}; give --out a folder of runs instead`);
  }
  if (previous.configHash !== configHash) {
    const theirs = `experiment "${previous.experiment}" of kind ${previous.kind}, configHash ${previous.configHash.slice(0, 12)}…`;
    const ours = `${options.configPath} gives ${configHash.slice(0, 12)}…`;
    if (options.resumeDir === undefined) {
      // --out named a run folder (outDir itself): its manifest belongs to another experiment.
      throw new RunSetupError(
        `--out ${resumeDir} is the run folder of another config (${theirs}; ${ours}), not a folder of runs; nothing in it was changed. ` +
          `Give --out a folder of runs${runsRootHint(resumeDir, previous.experiment)} to start a run of ${options.configPath}`,
      );
    }
    throw new RunSetupError(`cannot resume ${resumeDir}: the folder was run with a different config (${theirs}; ${ours}); run without --resume to start a new folder`);
  }
  if (shardText(previous.shard) !== shardText(options.shard)) {
    throw new RunSetupError(`cannot resume ${resumeDir}: the folder was run as ${shardText(previous.shard)}, not ${shardText(options.shard)}`);
  }
  if (previous.status === 'completed') {
    const done = readRecordsDone(resumeDir, previous, sweep);
    if (done >= totalTrials) return { runDir: resumeDir, manifest: previous };
    // Completed once, but trials are gone from the log since (damaged, edited): run them again rather than claim they are there.
    log('warn', `${resumeDir} says it completed, but only ${done} of its ${totalTrials} trials are in ${TRIALS_FILE} (the file was damaged or edited since): running the missing ones`);
  }
  checkWritable(resumeDir);
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

/**
 * The run folder a run without --resume continues: outDir itself when it is a run folder; with
 * continueLatest, the newest run of the same trials under it (see runToContinue); else none.
 */
function folderToContinue(options: RunOptions, experimentName: string, configHash: string, log: RunLog): string | undefined {
  const { outDir } = options;
  if (isRunFolder(outDir)) return outDir;
  if (existsSync(join(outDir, TRIALS_FILE))) {
    throw new RunSetupError(
      `${outDir} holds ${TRIALS_FILE} but no ${MANIFEST_FILE}: it is a run folder whose manifest is gone, not a folder of runs, ` +
        `and a new run would be nested inside it. Its trials cannot be resumed without the manifest (it records the config they belong to): ` +
        `restore its ${MANIFEST_FILE} to resume it, or give --out a folder of runs (such as ${dirname(dirname(outDir))})`,
    );
  }
  if (!options.continueLatest) return undefined;
  let latest;
  try {
    latest = runToContinue(listRuns(outDir, experimentName, (problem) => log('warn', `skipped a run folder: ${problem}`)), configHash, options.shard, sourceFileOf(options));
  } catch (error) {
    throw new RunSetupError(`cannot look for earlier runs of ${experimentName} under ${outDir}: ${fileSystemReason(error)}`);
  }
  if (latest.kind === 'none') return undefined;
  if (latest.kind === 'unfinished') {
    log('info', `continuing the unfinished run of the same config in ${latest.run.runDir} (${latest.run.manifest.status}); --new starts a new folder`);
  }
  return latest.run.runDir;
}

function sourceFileOf(options: RunOptions): string {
  return options.experimentFile ?? experimentFilePath(options.configPath);
}

function newRunFolder(outDir: string, experimentName: string, now: Date): string {
  try {
    return createRunFolder(outDir, experimentName, now);
  } catch (error) {
    throw new RunSetupError(`cannot start a run: ${errorMessage(error)}`);
  }
}

function readRecordsDone(runDir: string, manifest: RunManifest, sweep: TrialSweep): number {
  try {
    return recordsDone(runDir, manifest, sweep.shard, sweep.parts);
  } catch (error) {
    throw new RunSetupError(`cannot resume: ${errorMessage(error)}`);
  }
}

/** A folder to resume gets a lock, a new manifest and trials: checked before anything in it changes. */
function checkWritable(runDir: string): void {
  for (const path of [runDir, join(runDir, TRIALS_FILE)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      if (path !== runDir && (error as NodeJS.ErrnoException).code === 'ENOENT') continue; // created on the first trial
      throw new RunSetupError(`cannot resume ${runDir}: ${new FileSystemError('write', path, error).message}; nothing in the folder was changed`);
    }
  }
}

/** What the kind prepares once for all trials of the run (e.g. its data set, in shared memory); before any folder is made. */
function prepareTrials(family: ExperimentFamily, experiment: ResolvedExperiment, configPath: string): unknown {
  try {
    return BUILT_IN_TRIAL_CONTEXTS[family.kind]?.(experiment, dirname(resolve(configPath)));
  } catch (error) {
    throw new RunSetupError(`${configPath}: ${errorMessage(error)}`);
  }
}

/** The run's records already in the folder; lines that are not are skipped with a warning. */
function readTrialsToResume(prepared: PreparedRun, onEvent: (event: RunEvent) => void): Map<string, TrialRecord[]> {
  try {
    return trialsOnDisk(prepared.runDir, prepared.manifest, prepared.sweep.shard, (message) => onEvent({ type: 'log', level: 'warn', message }));
  } catch (error) {
    throw new RunSetupError(`cannot resume: ${errorMessage(error)}`);
  }
}

/** Temp files a killed writer left in the folder go before the run writes its own. */
function sweepTemporaryFiles(runDir: string, onEvent: (event: RunEvent) => void): void {
  let swept;
  try {
    swept = removeLeftoverTemporaryFiles(runDir);
  } catch (error) {
    throw new RunSetupError(`cannot resume ${runDir}: ${new FileSystemError('read the folder', runDir, error).message}`);
  }
  const { info, warning } = describeSweep(runDir, swept);
  if (info) onEvent({ type: 'log', level: 'info', message: info });
  if (warning) onEvent({ type: 'log', level: 'warn', message: warning });
}

/** A run that cannot fit the machine is refused before any folder is made or changed. */
function checkResources(family: ExperimentFamily, experiment: ResolvedExperiment, options: RunOptions, trialsToRun: number): void {
  try {
    planResources(family, experiment, { workers: options.workers, trialsToRun });
  } catch (error) {
    if (!(error instanceof ResourceLimitError)) throw error;
    throw new RunSetupError(`${options.configPath}: ${error.message}`);
  }
}

/** " (such as ROOT)" when `runDir` sits where runs go (ROOT/<experiment>/<folder>), else nothing. */
function runsRootHint(runDir: string, experiment: string): string {
  return basename(dirname(runDir)) === experiment ? ` (such as ${dirname(dirname(runDir))})` : '';
}

function shardText(shard: Shard | undefined): string {
  return shard ? `shard ${shard.index}/${shard.count}` : 'the whole sweep (no shard)';
}
