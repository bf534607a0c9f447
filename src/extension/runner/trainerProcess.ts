// The trainer child as the host sees it: forked with a TrainerLaunch, every IPC message checked
// against the protocol, and a cancel that escalates: {type:'cancel'} first (the child stops
// after its current trials, keeping them on disk), SIGTERM to the tree after a grace period,
// SIGKILL last. No vscode import: unit-tested against a fake trainer.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { RunEvent, TrainerCommand, TrainerLaunch } from '../../shared/protocol';
import { checkRunEvent } from '../../shared/protocolGuards';
import { ProcessTree } from './processTree';
import type { TrainerExit } from './trainerExit';

export interface TrainerListener {
  onEvent(event: RunEvent): void;
  /** A line the child printed (stray console output, stack traces). */
  onOutput(line: string, stream: 'stdout' | 'stderr'): void;
  /** A message that is not a valid RunEvent, already described; it was dropped. */
  onMalformedMessage(problem: string): void;
}

export interface TrainerTimeouts {
  /** How long a cancelled child may take to stop by itself before SIGTERM. */
  cancelGraceMs: number;
  /** How long after SIGTERM before SIGKILL. */
  terminateGraceMs: number;
}

export const DEFAULT_TRAINER_TIMEOUTS: TrainerTimeouts = { cancelGraceMs: 3000, terminateGraceMs: 2000 };

export class TrainerProcess {
  /** Resolves once the child has exited, however it ended. */
  readonly exited: Promise<TrainerExit>;
  private readonly tree: ProcessTree;
  private cancelRequested = false;
  private escalation: NodeJS.Timeout | undefined;
  private finished: Extract<RunEvent, { type: 'run-finished' }> | undefined;
  private completedTrials = 0;
  private totalTrials = 0;

  constructor(
    trainerPath: string,
    launch: TrainerLaunch,
    private readonly listener: TrainerListener,
    private readonly timeouts: TrainerTimeouts = DEFAULT_TRAINER_TIMEOUTS,
  ) {
    // execArgv: [] so the child does not inherit the host's --inspect or loader flags.
    this.tree = ProcessTree.fork(trainerPath, [JSON.stringify(launch)], { silent: true, execArgv: [] });
    const child = this.tree.child;
    child.on('message', (message) => this.receive(message));
    forwardLines(child.stdout, (line) => listener.onOutput(line, 'stdout'));
    forwardLines(child.stderr, (line) => listener.onOutput(line, 'stderr'));
    this.exited = this.tree.exited.then(({ code, signal, spawnError }) => {
      clearTimeout(this.escalation);
      return {
        code,
        signal,
        finished: this.finished,
        cancelRequested: this.cancelRequested,
        completedTrials: this.completedTrials,
        totalTrials: this.totalTrials,
        error: spawnError,
      };
    });
  }

  /** Asks the child to stop; escalates to SIGTERM, then SIGKILL, if it does not. Idempotent. */
  cancel(): void {
    if (this.cancelRequested || this.tree.hasExited) return;
    this.cancelRequested = true;
    const command: TrainerCommand = { type: 'cancel' };
    const sent = this.tree.child.connected && this.tree.child.send(command);
    const terminate = () => void this.tree.terminate(this.timeouts.terminateGraceMs);
    if (sent) this.escalation = setTimeout(terminate, this.timeouts.cancelGraceMs);
    else terminate();
  }

  /** Cancels and waits for the exit: for deactivate, where nothing may outlive the host. */
  async stop(): Promise<TrainerExit> {
    this.cancel();
    return this.exited;
  }

  private receive(message: unknown): void {
    const checked = checkRunEvent(message);
    if (!checked.ok) {
      this.listener.onMalformedMessage(checked.problem);
      return;
    }
    const event = checked.value;
    if (event.type !== 'log') {
      this.completedTrials = event.completedTrials;
      this.totalTrials = event.totalTrials;
    }
    if (event.type === 'run-finished') this.finished = event;
    this.listener.onEvent(event);
  }
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim() !== '') onLine(line);
  });
}
