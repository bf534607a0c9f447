// `lth run FILE [--out DIR] [--workers N] [--shard I/N] [--resume DIR] [--events json]`
import { resolve } from 'node:path';
import { RunSetupError, runExperiment, setupFailedEvent, type RunOptions } from '../../core/execution/runExperiment';
import { DEFAULT_RUNS_ROOT } from '../../core/runs/runFolder';
import { parseShard } from '../../core/sweep/trialJobs';
import { errorMessage } from '../../shared/errorMessage';
import type { RunEvent } from '../../shared/protocol';
import { parseCommandLine, positiveInteger, UsageError } from '../arguments';
import { EXIT, processIo, type CliIo } from '../cliIo';
import { ProgressReporter } from '../progress';

export const RUN_USAGE = `Usage: lth run FILE [--out DIR] [--workers N] [--shard I/N] [--resume DIR] [--events json]

Runs the sweep of an experiment file (*.lth.json) into a new run folder
DIR/<experiment>/<UTC time>/ (manifest.json + trials.jsonl), each trial on disk before it is
reported. Ctrl-C or SIGTERM stops within a second; finished trials stay, and --resume runs
only what is missing.

  --out DIR       root of the run folders (default: ${DEFAULT_RUNS_ROOT}); if DIR is itself
                  a run folder, it is resumed
  --resume DIR    re-run into this run folder: trials already in it are skipped
                  (refused if it was run with a different config or shard)
  --workers N     worker threads (default: all cores, at most the trials left)
  --shard I/N     run only shard I of N (deterministic); merge shard folders with
                  lth summarize DIR1 DIR2 ...
  --events json   print one JSON event per line on stdout (the protocol the VS Code
                  extension reads: run-started, trial-completed, log, run-finished)

Exit codes: 0 completed, 1 failed or could not start, 2 usage error,
130 cancelled by Ctrl-C, 143 cancelled by SIGTERM.
`;

export async function runCommand(argv: string[], io: CliIo = processIo, signals: NodeJS.Process = process): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    out: { type: 'string' },
    resume: { type: 'string' },
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
  const options: RunOptions = {
    configPath,
    outDir: resolve(values.out ?? DEFAULT_RUNS_ROOT),
    ...(values.resume === undefined ? {} : { resumeDir: resolve(values.resume) }),
    ...(values.workers === undefined ? {} : { workers: positiveInteger(values.workers, '--workers') }),
    ...(shard ? { shard } : {}),
  };

  // First signal: cancel cleanly. A second one: the user insists, leave at once.
  const abort = new AbortController();
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (stoppedBy) signals.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
    stoppedBy = signal;
    io.stderr.write(`\nlth run: ${signal} received, stopping (finished trials are kept)...\n`);
    abort.abort();
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);

  const json = values.events === 'json';
  const progress = new ProgressReporter(io.stderr);
  let resumedTrials = 0;
  const onEvent = (event: RunEvent) => {
    if (json) io.stdout.write(`${JSON.stringify(event)}\n`);
    switch (event.type) {
      case 'run-started':
        resumedTrials = event.completedTrials;
        if (!json) {
          const resumed = event.completedTrials > 0 ? `, ${event.completedTrials} already done` : '';
          io.stderr.write(`Run folder: ${event.runDir}\nExperiment ${event.manifest.experiment}: ${event.totalTrials} trials${resumed}\n`);
          if (io.stderr.isTTY) progress.update(event.completedTrials, event.totalTrials, resumedTrials, true);
        }
        break;
      case 'trial-completed':
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
    const resumeHint = `Resume with: lth run ${configPath} --resume ${outcome.runDir}`;
    const counts = `${outcome.completedTrials}/${outcome.totalTrials} trials`;
    switch (outcome.status) {
      case 'completed':
        io.stderr.write(`Completed ${counts}. Results: ${outcome.runDir}\nSummarize with: lth summarize ${outcome.runDir}\n`);
        return EXIT.ok;
      case 'cancelled':
        io.stderr.write(`Cancelled after ${counts}. Results so far: ${outcome.runDir}\n${resumeHint}\n`);
        return stoppedBy === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
      case 'failed':
        io.stderr.write(`lth run: failed: ${outcome.message}\n${counts} are kept in ${outcome.runDir}\n${resumeHint}\n`);
        return EXIT.failed;
    }
  } catch (error) {
    if (!(error instanceof RunSetupError)) throw error;
    if (json) io.stdout.write(`${JSON.stringify(setupFailedEvent(error))}\n`);
    io.stderr.write(`lth run: ${error.message}\n`);
    return EXIT.failed;
  } finally {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
  }
}
