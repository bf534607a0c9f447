// Entry of the trainer child process that the extension forks (bundled as dist/trainer.js).
// Two ways to start it:
// - `--serve` (the extension): a warm trainer. It waits for {type:'run', launch} commands and
//   runs them one at a time on a worker pool it keeps between runs, so every run after the
//   first starts warm; {type:'cancel'} stops the current run cleanly (the pool's threads are
//   terminated, a new pool serves the next run). It lives until the parent disconnects or
//   sends SIGTERM, and exits 0.
// - argv[2] a TrainerLaunch as JSON (by hand, and the tests): one run, then exit 0 when
//   completed or cancelled, 1 when failed.
// Every RunEvent goes to the parent with process.send. If the parent goes away (IPC
// disconnect) the run is cancelled and the child exits, so no trainer is ever orphaned.
import { RunSetupError, runExperiment, setupFailedEvent } from '../core/execution/runExperiment';
import { KeptWorkerPool } from '../core/execution/keptWorkerPool';
import type { TrialTask } from '../core/execution/workerProtocol';
import { TRAINER_SERVE_ARGUMENT, type RunEvent, type TrainerCommand, type TrainerLaunch } from '../shared/protocol';
import { errorMessage, errorStack } from '../shared/errorMessage';
import { fileSystemReason } from '../core/runs/fileSystemError';
import { checkTrainerCommand } from '../shared/protocolGuards';

/** Parses and checks the launch argument; throws a message naming what is wrong. */
export function parseTrainerLaunch(text: string | undefined): TrainerLaunch {
  if (text === undefined) throw new Error('expected a TrainerLaunch as JSON in argv[2], got nothing');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`argv[2] is not valid JSON (${errorMessage(error)}); expected a TrainerLaunch`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('argv[2]: expected a TrainerLaunch object');
  const launch = value as Record<string, unknown>;
  for (const key of ['configPath', 'outDir'] as const) {
    if (typeof launch[key] !== 'string' || launch[key] === '') throw new Error(`argv[2].${key}: expected a non-empty string, got ${JSON.stringify(launch[key])}`);
  }
  if (launch.resumeDir !== undefined && typeof launch.resumeDir !== 'string') {
    throw new Error(`argv[2].resumeDir: expected a string, got ${JSON.stringify(launch.resumeDir)}`);
  }
  if (launch.experimentFile !== undefined && typeof launch.experimentFile !== 'string') {
    throw new Error(`argv[2].experimentFile: expected a string, got ${JSON.stringify(launch.experimentFile)}`);
  }
  if (launch.workers !== undefined && !(Number.isInteger(launch.workers) && (launch.workers as number) >= 1)) {
    throw new Error(`argv[2].workers: expected an integer >= 1, got ${JSON.stringify(launch.workers)}`);
  }
  return launch as unknown as TrainerLaunch;
}

/** Sends events to the parent, or prints them as JSON lines when started without IPC (by hand). */
class EventChannel {
  private pending: Promise<void>[] = [];

  send(event: RunEvent): void {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    if (!process.connected) return; // the parent is gone; the run is being cancelled
    this.pending.push(
      new Promise((resolve) => {
        process.send!(event, undefined, {}, () => resolve()); // resolves on error too: nothing more to do then
      }),
    );
  }

  /** Waits until every event was handed to the channel, so that exiting loses none. */
  async flush(): Promise<void> {
    // Without a parent there is nobody to lose events for, and a dead channel might never call back.
    if (process.send && !process.connected) return;
    await Promise.all(this.pending);
    this.pending = [];
  }
}

async function trainerMain(): Promise<number> {
  const channel = new EventChannel();
  if (process.argv[2] === TRAINER_SERVE_ARGUMENT) return serveRuns(channel);
  let launch: TrainerLaunch;
  try {
    launch = parseTrainerLaunch(process.argv[2]);
  } catch (error) {
    const message = `trainer: ${errorMessage(error)}`;
    process.stderr.write(`${message}\n`);
    channel.send(setupFailedEvent(new RunSetupError(message)));
    await channel.flush();
    return 1;
  }

  const abort = new AbortController();
  onCommand(channel, (command) => command.type === 'cancel' && abort.abort());
  for (const event of STOP_EVENTS) process.on(event, () => abort.abort());
  return runOnce(launch, channel, abort.signal);
}

/** What stops a trainer cleanly (its folder says cancelled): signals, including a hang-up, and the parent going away. */
const STOP_EVENTS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'disconnect'] as const;

/** A warm trainer: runs each `run` command on a pool kept between runs, until told to stop. */
function serveRuns(channel: EventChannel): Promise<number> {
  const keptPool = new KeptWorkerPool<TrialTask, object>();
  // Runs one after the other: a run command that arrives while the last run is still flushing
  // its events waits for it. `cancel` concerns the newest run.
  let runs: Promise<unknown> = Promise.resolve();
  let newest: AbortController | undefined;
  let stopping = false;
  onCommand(channel, (command) => {
    if (command.type === 'cancel') newest?.abort();
    else if (!stopping) {
      const abort = new AbortController();
      newest = abort;
      runs = runs.then(() => runOnce(command.launch, channel, abort.signal, keptPool));
    }
  });
  return new Promise((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      newest?.abort();
      void runs.then(() => keptPool.terminate()).then(() => resolve(0));
    };
    for (const event of STOP_EVENTS) process.on(event, stop);
  });
}

function onCommand(channel: EventChannel, handle: (command: TrainerCommand) => void): void {
  process.on('message', (message: unknown) => {
    const command = checkTrainerCommand(message);
    if (!command.ok) channel.send({ type: 'log', level: 'warn', message: `trainer: dropped a malformed command: ${command.problem}` });
    else handle(command.value);
  });
}

/** One run, every event sent; resolves with the exit code of a one-run trainer (1 when failed). */
async function runOnce(launch: TrainerLaunch, channel: EventChannel, abortSignal: AbortSignal, keptPool?: KeptWorkerPool<TrialTask, object>): Promise<number> {
  try {
    const outcome = await runExperiment({ ...launch, ...(keptPool ? { keptPool } : {}) }, (event) => channel.send(event), abortSignal);
    await channel.flush();
    return outcome.status === 'failed' ? 1 : 0;
  } catch (error) {
    // The run's message is for people (what failed, in words); the stack goes to stderr, which
    // the extension keeps in its log.
    const setupError = error instanceof RunSetupError ? error : new RunSetupError(`trainer: ${fileSystemReason(error)}`);
    process.stderr.write(`${error instanceof RunSetupError ? setupError.message : errorStack(error)}\n`);
    channel.send(setupFailedEvent(setupError));
    await channel.flush();
    return 1;
  }
}

if (require.main === module) {
  // process.exit, not exitCode: the open IPC channel would otherwise keep the child alive.
  void trainerMain().then((code) => process.exit(code));
}
