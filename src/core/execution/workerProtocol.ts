// The messages between a WorkerPool and its worker threads: a task goes out with an id, and
// exactly one reply with the same id comes back.

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
      reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
}
