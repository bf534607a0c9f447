// `lth run FILE [--out DIR] [--new] [--resume DIR] [--force-unlock] [--workers N] [--shard I/N] [--events json]`
import { resolve } from 'node:path';
import { RunSetupError, runExperiment, setupFailedEvent, type RunOptions } from '../../core/execution/runExperiment';
import { DEFAULT_RUNS_ROOT, isRunFolder } from '../../core/runs/runFolder';
import { parseShard } from '../../core/sweep/trialJobs';
import { fileSystemErrorCode } from '../../core/runs/fileSystemError';
import { errorMessage } from '../../shared/errorMessage';
import type { RunEvent } from '../../shared/protocol';
import { parseCommandLine, positiveInteger, UsageError } from '../arguments';
import { EXIT, processIo, type CliIo } from '../cliIo';
import { ProgressReporter } from '../progress';

export const RUN_USAGE = `Usage: lth run FILE [--out DIR] [--new] [--resume DIR] [--force-unlock] [--workers N] [--shard I/N] [--events json]

Runs the sweep of an experiment file (*.lth.json) into a run folder
DIR/<experiment>/<UTC time>/ (manifest.json + trials.jsonl), each trial on disk before it is
reported. Ctrl-C, SIGTERM or SIGHUP stops within a second; finished trials stay.

Running the same command again continues: the newest run of the same config (and shard)
under DIR resumes with only the missing trials if it did not complete; if it completed,
nothing runs and lth prints where its results are. --new starts a new folder anyway.

  --out DIR       root of the run folders (default: ${DEFAULT_RUNS_ROOT}); if DIR is itself
                  a run folder, it is resumed
  --new           start a new run folder even if an earlier run of the config is there
  --resume DIR    re-run into this run folder: trials already in it are skipped
                  (refused if it was run with a different config or shard)
  --force-unlock  take the folder over even if its run.lock names a process that seems
                  to run (use it only when you know that run is gone)
  --workers N     worker threads (default: all cores, at most the trials left)
  --shard I/N     run only shard I of N (deterministic); merge shard folders into one
                  with lth merge DIR1 DIR2 ... --out RUN_DIR (lth slurm and lth k8s
                  run every shard on a cluster)
  --events json   print one JSON event per line on stdout (the protocol the VS Code
                  extension reads: run-started, trial-completed, log, run-finished)

Exit codes: 0 completed, 1 failed or could not start, 2 usage error,
130 cancelled by Ctrl-C, 143 cancelled by SIGTERM, 129 cancelled by SIGHUP.
`;

/**
 * Signals that cancel a run cleanly, with the exit code after each (128 + the signal's number).
 * SIGHUP is a closed terminal or a dropped ssh session: the run stops as for SIGTERM, its folder
 * marked cancelled, instead of dying with its manifest still saying "running".
 */
const STOP_SIGNALS = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: 129 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;
const STOP_SIGNAL_NAMES = Object.keys(STOP_SIGNALS) as StopSignal[];

export async function runCommand(argv: string[], io: CliIo = processIo, signals: NodeJS.Process = process): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    out: { type: 'string' },
    new: { type: 'boolean' },
    resume: { type: 'string' },
    'force-unlock': { type: 'boolean' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    events: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError(`expected exactly one experiment FILE, got ${positionals.length}`);
  if (values.events !== undefined && values.events !== 'json') throw new UsageError(`--events ${JSON.stringify(values.events)}: expected "json"`);
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  const configPath = positionals[0];
  const outDir = resolve(values.out ?? DEFAULT_RUNS_ROOT);
  if (values.new && values.resume !== undefined) throw new UsageError('--new starts a new run folder and --resume continues one; expected only one of them');
  if (values.new && isRunFolder(outDir)) throw new UsageError(`--new starts a new run folder under --out, but ${outDir} is itself a run folder; expected --out to name a folder of runs`);
  const options: RunOptions = {
    configPath,
    outDir,
    continueLatest: !values.new,
    ...(values['force-unlock'] ? { forceUnlock: true } : {}),
    ...(values.resume === undefined ? {} : { resumeDir: resolve(values.resume) }),
    ...(values.workers === undefined ? {} : { workers: positiveInteger(values.workers, '--workers') }),
    ...(shard ? { shard } : {}),
  };

  // First signal: cancel cleanly. A second one: the user insists, leave at once.
  const abort = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const onSignal = (signal: StopSignal) => {
    if (stoppedBy) signals.exit(STOP_SIGNALS[signal]);
    stoppedBy = signal;
    // A hang-up closed the terminal: what the run still says cannot be shown, and a failed write must not keep it from closing its folder.
    if (signal === 'SIGHUP') signals.stderr?.on('error', () => {});
    io.stderr.write(`\nlth run: ${signal} received, stopping (finished trials are kept)...\n`);
    abort.abort();
  };
  for (const signal of STOP_SIGNAL_NAMES) signals.on(signal, onSignal);

  const json = values.events === 'json';
  const began = Date.now();
  const resumeHintFor = (runDir: string) => `Resume with: lth run ${configPath} --resume ${runDir}`;
  const progress = new ProgressReporter(io.stderr);
  let resumedTrials = 0;
  /** Where the run's trials are on disk and how many, should it break off (see the catch below). */
  const onDisk: { runDir?: string; completedTrials: number; totalTrials: number } = { completedTrials: 0, totalTrials: 0 };
  const onEvent = (event: RunEvent) => {
    if (json) io.stdout.write(`${JSON.stringify(event)}\n`);
    switch (event.type) {
      case 'run-started':
        Object.assign(onDisk, { runDir: event.runDir, completedTrials: event.completedTrials, totalTrials: event.totalTrials });
        resumedTrials = event.completedTrials;
        if (!json) {
          const resumed = event.completedTrials > 0 ? `, ${event.completedTrials} already done` : '';
          io.stderr.write(`Run folder: ${event.runDir}\nExperiment ${event.manifest.experiment}: ${event.totalTrials} trials${resumed}\n`);
          if (io.stderr.isTTY) progress.update(event.completedTrials, event.totalTrials, resumedTrials, true);
        }
        break;
      case 'trial-completed':
        onDisk.completedTrials = event.completedTrials;
        if (!json) progress.update(event.completedTrials, event.totalTrials, resumedTrials);
        break;
      case 'log':
        if (!json) {
          progress.finish();
          io.stderr.write(`${event.level === 'info' ? '' : `${event.level}: `}${event.message}\n`);
        }
        break;
      case 'run-finished':
        if (!json) {
          progress.update(event.completedTrials, event.totalTrials, resumedTrials, true);
          progress.finish();
        }
        break;
    }
  };

  try {
    const outcome = await runExperiment(options, onEvent, abort.signal);
    const resumeHint = resumeHintFor(outcome.runDir);
    const counts = `${outcome.completedTrials}/${outcome.totalTrials} trials`;
    switch (outcome.status) {
      case 'completed':
        if (outcome.alreadyCompleted) {
          io.stderr.write(`Already completed (${counts}), nothing to run. Results: ${outcome.runDir}\nSummarize with: lth summarize ${outcome.runDir}\nRun it again in a new folder with: lth run ${configPath} --new\n`);
        } else {
          io.stderr.write(`Completed ${counts}. Results: ${outcome.runDir}\nSummarize with: lth summarize ${outcome.runDir}\n`);
        }
        return EXIT.ok;
      case 'cancelled':
        io.stderr.write(`Cancelled after ${counts}. Results so far: ${outcome.runDir}\n${resumeHint}\n`);
        return STOP_SIGNALS[stoppedBy ?? 'SIGINT'];
      case 'failed':
        io.stderr.write(`lth run: failed: ${outcome.message}\n${counts} are kept in ${outcome.runDir}\n${resumeHint}\n`);
        return EXIT.failed;
    }
  } catch (error) {
    if (error instanceof RunSetupError) {
      if (json) io.stdout.write(`${JSON.stringify(setupFailedEvent(error))}\n`);
      io.stderr.write(`lth run: ${error.message}\n`);
      return EXIT.failed;
    }
    const { runDir, completedTrials, totalTrials } = onDisk;
    if (runDir === undefined || fileSystemErrorCode(error) === undefined) throw error;
    // The folder broke off under the run (a full disk at the last manifest write, say): each
    // trial reported is on disk, and resuming continues from them.
    progress.finish();
    const message = errorMessage(error);
    const seconds = (Date.now() - began) / 1000;
    if (json) io.stdout.write(`${JSON.stringify({ type: 'run-finished', status: 'failed', completedTrials, totalTrials, seconds, message } satisfies RunEvent)}\n`);
    io.stderr.write(`lth run: failed: ${message}\n${completedTrials}/${totalTrials} trials are kept in ${runDir}\n${resumeHintFor(runDir)}\n`);
    return EXIT.failed;
  } finally {
    STOP_SIGNAL_NAMES.forEach((signal) => signals.off(signal, onSignal));
  }
}
