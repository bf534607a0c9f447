// The messages between a WorkerPool and its worker threads: a task goes out with an id, and
// exactly one reply with the same id comes back.
import { errorStack } from '../../shared/errorMessage';

export interface TaskMessage<Task> {
  id: number;
  task: Task;
}

export type ReplyMessage<Result> = { id: number; ok: true; result: Result } | { id: number; ok: false; error: string };

/**
 * Worker side: answers every task posted to this thread with `handler`'s result. A throwing
 * handler is reported as a failed reply (with its stack), not as a dead thread, so the pool
 * can say which task failed and why.
 */
export function serveTasks<Task, Result>(
  port: { on(event: 'message', listener: (message: TaskMessage<Task>) => void): unknown; postMessage(message: ReplyMessage<Result>): void },
  handler: (task: Task) => Result,
): void {
  port.on('message', ({ id, task }) => {
    let reply: ReplyMessage<Result>;
    try {
      reply = { id, ok: true, result: handler(task) };
    } catch (error) {
      reply = { id, ok: false, error: errorStack(error) };
    }
    port.postMessage(reply);
  });
}

/** One training for a trial worker: the experiment kind says which runner trains the spec. */
export interface TrialTask {
  kind: string;
  spec: unknown;
}

/** Worker side of a trial pool: trains each task with the runner of its kind. */
export function serveTrials(
  port: Parameters<typeof serveTasks<TrialTask, object>>[0],
  runners: Readonly<Record<string, (spec: never) => object>>,
): void {
  serveTasks<TrialTask, object>(port, ({ kind, spec }) => {
    const run = runners[kind];
    if (run === undefined) throw new Error(`this trial worker cannot train kind ${JSON.stringify(kind)}; it knows ${Object.keys(runners).join(', ')}`);
    return run(spec as never);
  });
}
