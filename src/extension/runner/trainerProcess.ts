// A warm trainer child as the host sees it: forked once with --serve, it runs one experiment at
// a time ({type:'run', launch}) and keeps its worker pool between runs. Every IPC message is
// checked against the protocol. A run's cancel escalates: {type:'cancel'} first (the child
// stops after its current trials, keeping them on disk, and stays warm), SIGTERM to the tree
// after a grace period, SIGKILL last (the process is gone then; the next run forks a new one).
// A crash ends the current run as failed and never touches the host. No vscode import:
// unit-tested against a fake trainer.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { TRAINER_SERVE_ARGUMENT, type RunEvent, type TrainerCommand, type TrainerLaunch } from '../../shared/protocol';
import { checkRunEvent } from '../../shared/protocolGuards';
import { ProcessTree, type ProcessExit } from './processTree';
import type { TrainerHandle } from './liveRun';
import type { TrainerExit } from './trainerExit';

export interface TrainerListener {
  onEvent(event: RunEvent): void;
  /** A line the child printed (stray console output, stack traces). */
  onOutput(line: string, stream: 'stdout' | 'stderr'): void;
  /** A message that is not a valid RunEvent, already described; it was dropped. */
  onMalformedMessage(problem: string): void;
}

export interface TrainerTimeouts {
  /** How long a cancelled run may take to stop by itself before SIGTERM. */
  cancelGraceMs: number;
  /** How long after SIGTERM before SIGKILL. */
  terminateGraceMs: number;
}

/** A cancelled run stops in milliseconds (its pool's threads are terminated); one that does not is stopped by force after 1 s. */
export const DEFAULT_TRAINER_TIMEOUTS: TrainerTimeouts = { cancelGraceMs: 1000, terminateGraceMs: 2000 };

export class TrainerProcess {
  /** Resolves once the child has exited, however it ended. */
  readonly exited: Promise<ProcessExit>;
  private readonly tree: ProcessTree;
  private current: ActiveRun | undefined;
  /** Whoever hears the child's output: the current run's listener, or the last one's. */
  private listener: TrainerListener | undefined;

  constructor(
    trainerPath: string,
    private readonly timeouts: TrainerTimeouts = DEFAULT_TRAINER_TIMEOUTS,
  ) {
    // execArgv: [] so the child does not inherit the host's --inspect or loader flags.
    this.tree = ProcessTree.fork(trainerPath, [TRAINER_SERVE_ARGUMENT], { silent: true, execArgv: [] });
    const child = this.tree.child;
    child.on('message', (message) => this.receive(message));
    forwardLines(child.stdout, (line) => this.listener?.onOutput(line, 'stdout'));
    forwardLines(child.stderr, (line) => this.listener?.onOutput(line, 'stderr'));
    this.exited = this.tree.exited;
    void this.tree.exited.then((exit) => this.current?.end(exit));
  }

  /** True when a run can start here: the child runs, is connected and has no run. */
  get idle(): boolean {
    return this.current === undefined && !this.tree.hasExited && this.tree.child.connected;
  }

  /** Starts a run; the process must be idle. */
  run(launch: TrainerLaunch, listener: TrainerListener): TrainerHandle {
    if (!this.idle) throw new Error('TrainerProcess.run: the trainer is busy or gone');
    this.listener = listener;
    const run = new ActiveRun(listener, this.timeouts, (command) => this.send(command), () => void this.tree.terminate(this.timeouts.terminateGraceMs));
    this.current = run;
    void run.exited.then(() => {
      if (this.current === run) this.current = undefined;
    });
    if (!this.send({ type: 'run', launch })) run.end({ code: null, signal: null, spawnError: new Error('the trainer process is not connected') });
    return run;
  }

  /** Ends the process (a run in it is cancelled by the exit): SIGTERM, SIGKILL after the grace period. */
  async dispose(): Promise<void> {
    await this.tree.terminate(this.timeouts.terminateGraceMs);
  }

  private send(command: TrainerCommand): boolean {
    const child = this.tree.child;
    if (!child.connected) return false;
    try {
      return child.send(command);
    } catch {
      return false; // the channel closed between the check and the send
    }
  }

  private receive(message: unknown): void {
    const checked = checkRunEvent(message);
    if (!checked.ok) {
      this.listener?.onMalformedMessage(checked.problem);
      return;
    }
    this.current?.receive(checked.value);
  }
}

/** The host's view of the run in progress on a TrainerProcess. */
class ActiveRun implements TrainerHandle {
  readonly exited: Promise<TrainerExit>;
  private settle!: (exit: TrainerExit) => void;
  private settled = false;
  private cancelRequested = false;
  private escalation: NodeJS.Timeout | undefined;
  private completedTrials = 0;
  private totalTrials = 0;

  constructor(
    private readonly listener: TrainerListener,
    private readonly timeouts: TrainerTimeouts,
    private readonly send: (command: TrainerCommand) => boolean,
    private readonly terminateProcess: () => void,
  ) {
    this.exited = new Promise((resolve) => (this.settle = resolve));
  }

  cancel(): void {
    if (this.cancelRequested || this.settled) return;
    this.cancelRequested = true;
    if (this.send({ type: 'cancel' })) this.escalation = setTimeout(this.terminateProcess, this.timeouts.cancelGraceMs);
    else this.terminateProcess();
  }

  async stop(): Promise<TrainerExit> {
    this.cancel();
    return this.exited;
  }

  receive(event: RunEvent): void {
    if (this.settled) return;
    if (event.type !== 'log') {
      this.completedTrials = event.completedTrials;
      this.totalTrials = event.totalTrials;
    }
    this.listener.onEvent(event);
    if (event.type === 'run-finished') this.finish({ code: null, signal: null, finished: event });
  }

  /** The process ended during the run (crash, kill, or the cancel's escalation). */
  end({ code, signal, spawnError }: ProcessExit): void {
    this.finish({ code, signal, ...(spawnError ? { error: spawnError } : {}) });
  }

  private finish(how: Pick<TrainerExit, 'code' | 'signal' | 'finished' | 'error'>): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.escalation);
    this.settle({ ...how, cancelRequested: this.cancelRequested, completedTrials: this.completedTrials, totalTrials: this.totalTrials });
  }
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim() !== '') onLine(line);
  });
}
