// The messages between a WorkerPool and its worker threads: a task goes out with an id, and
// exactly one reply with the same id comes back — after any number of parts (the records of a
// trial that yields several, such as the rounds of a pruning chain, each sent as it is done).
import { errorMessage, errorStack } from '../../shared/errorMessage';

export interface TaskMessage<Task> {
  id: number;
  task: Task;
}

/** A failed task says what went wrong (for people) and where (its stack, for the log). */
export type ReplyMessage<Result> = { id: number; ok: true; result: Result } | { id: number; ok: false; error: string; stack: string };

/** A finished part of a task still running: what it measured and the files it wants kept. */
export interface TaskPart {
  metrics: object;
  /** Binary results (e.g. a pruning mask) the run folder keeps beside the record, by name. */
  artifacts?: Record<string, Uint8Array>;
}

export type PartMessage = { id: number; part: TaskPart };

type WorkerPort = {
  on(event: 'message', listener: (message: TaskMessage<never>) => void): unknown;
  postMessage(message: ReplyMessage<unknown> | PartMessage): void;
};

/**
 * Worker side: answers every task posted to this thread with `handler`'s result. A throwing
 * handler is reported as a failed reply (with its stack), not as a dead thread, so the pool
 * can say which task failed and why. `emitPart` sends a part of the task before its reply.
 */
export function serveTasks<Task, Result>(port: WorkerPort, handler: (task: Task, emitPart: (part: TaskPart) => void) => Result): void {
  port.on('message', ({ id, task }: TaskMessage<Task>) => {
    let reply: ReplyMessage<Result>;
    try {
      reply = { id, ok: true, result: handler(task, (part) => port.postMessage({ id, part })) };
    } catch (error) {
      reply = { id, ok: false, error: errorMessage(error), stack: errorStack(error) };
    }
    port.postMessage(reply);
  });
}

/** What a partly done trial already has: its parts (records) in order, and each part's artifacts. */
export interface TrialResume {
  parts: object[];
  artifacts: Array<Record<string, Uint8Array>>;
}

/** One training for a trial worker: the experiment kind says which runner trains the spec. */
export interface TrialTask {
  kind: string;
  spec: unknown;
  /** What the kind's runner prepared once for the whole run (e.g. a data set in shared memory). */
  context?: unknown;
  resume?: TrialResume;
}

/** What a runner gets besides its spec. */
export interface TrialIo {
  context: unknown;
  resume?: TrialResume;
  /** Sends a finished part (multi-part kinds); the run appends it to the log at once. */
  emitPart(part: TaskPart): void;
}

/** Trains one trial: returns its metrics (one-part kinds) or emits its parts and returns {}. */
export type TrialRunner = (spec: never, io: TrialIo) => object;

/** Worker side of a trial pool: trains each task with the runner of its kind. */
export function serveTrials(port: WorkerPort, runners: Readonly<Record<string, TrialRunner>>): void {
  serveTasks<TrialTask, object>(port, ({ kind, spec, context, resume }, emitPart) => {
    const run = runners[kind];
    if (run === undefined) throw new Error(`this trial worker cannot train kind ${JSON.stringify(kind)}; it knows ${Object.keys(runners).join(', ')}`);
    return run(spec as never, { context, resume, emitPart });
  });
}
