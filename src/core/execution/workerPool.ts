// A fixed set of long-lived worker threads (start-up costs ~60 ms, so never one per task)
// that run tasks one at a time each, in submission order. While the queue is long, each worker
// holds a second task in its message queue, so it starts the next one the moment it finishes
// instead of waiting for the main thread (busy writing records, or preempted: on 2 cores with 2
// workers it has no core of its own) to answer its reply.
import type { Worker } from 'node:worker_threads';
import type { PartMessage, ReplyMessage, TaskMessage, TaskPart } from './workerProtocol';
import { startWorkerThread } from './workerScript';

interface PendingTask<Task, Result> {
  id: number;
  task: Task;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  onPart?: (part: TaskPart) => void;
}

interface PoolWorker<Task, Result> {
  thread: Worker;
  /** The tasks posted to it and not answered yet, oldest (the running one) first. */
  inFlight: PendingTask<Task, Result>[];
}

/** Tasks a worker holds at most: the running one and the next. */
const TASKS_IN_FLIGHT = 2;

/**
 * A task whose own code threw (its worker is fine and takes the next task), as opposed to a
 * worker that died; `reason` is the task's error message.
 */
export class TaskFailedError extends Error {
  constructor(
    workerNumber: number,
    readonly reason: string,
    workerStack: string,
  ) {
    super(`worker ${workerNumber} failed: ${reason}`);
    this.stack = `${this.message}\n(in the worker) ${workerStack}`;
  }
}

/** Why a task was rejected because the pool was terminated (not because it failed). */
export class PoolTerminatedError extends Error {
  constructor() {
    super('the worker pool was terminated before this task finished');
  }
}

export class WorkerPool<Task, Result> {
  private readonly workers: PoolWorker<Task, Result>[] = [];
  private readonly queue: PendingTask<Task, Result>[] = [];
  private nextId = 0;
  private terminated = false;
  /** Set when a worker died: the pool then refuses new tasks with this error. */
  private failure?: Error;

  constructor(scriptFilename: string, readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`WorkerPool: size is ${size}, expected an integer >= 1`);
    for (let index = 0; index < size; index++) this.workers.push(this.startWorker(scriptFilename, index));
  }

  /** True while the pool takes tasks: not terminated, and no worker died. */
  get usable(): boolean {
    return !this.terminated && this.failure === undefined;
  }

  /**
   * Runs `task` on the next free worker; `onPart` hears each part the task sends before its
   * reply. Rejects with the worker's error if it fails or dies.
   */
  run(task: Task, onPart?: (part: TaskPart) => void): Promise<Result> {
    if (this.terminated) return Promise.reject(new PoolTerminatedError());
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject, onPart });
      this.dispatch();
    });
  }

  /** Stops every worker at once (a task in flight is abandoned) and rejects what is unfinished. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    const unfinished = [...this.workers.flatMap((worker) => worker.inFlight.splice(0)), ...this.queue.splice(0)];
    for (const pending of unfinished) pending.reject(new PoolTerminatedError());
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }

  private startWorker(scriptFilename: string, index: number): PoolWorker<Task, Result> {
    const thread: Worker = startWorkerThread(scriptFilename);
    const worker: PoolWorker<Task, Result> = { thread, inFlight: [] };
    thread.on('message', (reply: ReplyMessage<Result> | PartMessage) => {
      // A worker answers its tasks in the order they were posted.
      const pending = worker.inFlight[0];
      if (!pending || pending.id !== reply.id) return;
      if ('part' in reply) {
        pending.onPart?.(reply.part);
        return;
      }
      worker.inFlight.shift();
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new TaskFailedError(index + 1, reply.error, reply.stack));
      this.dispatch();
    });
    // A dead worker cannot take more tasks: fail its task and everything still queued,
    // since a crash (out of memory, a bug in a kernel) would most likely repeat.
    const die = (reason: string, stack?: string) => {
      const position = this.workers.indexOf(worker);
      if (this.terminated || position < 0) return; // 'exit' follows 'error': handle the first
      this.workers.splice(position, 1);
      const failure = new Error(`worker ${index + 1} ${reason}`);
      if (stack) failure.stack = `${failure.message}\n(in the worker) ${stack}`; // for logs; the message stays one line for people
      this.failure ??= failure;
      const unfinished = [...worker.inFlight.splice(0), ...this.queue.splice(0)];
      for (const pending of unfinished) pending.reject(failure);
    };
    thread.on('error', (error) => die(`crashed: ${error.message}`, error.stack));
    thread.on('exit', (code) => die(`exited unexpectedly with code ${code}`));
    return worker;
  }

  private dispatch(): void {
    // Idle workers first; then a second task each, but only while every worker can get one,
    // so that the last tasks are not stuck behind a busy worker while another one idles.
    for (let depth = 1; depth <= TASKS_IN_FLIGHT; depth++) {
      for (const worker of this.workers) {
        if (this.queue.length === 0 || (depth > 1 && this.queue.length < this.workers.length)) return;
        if (worker.inFlight.length >= depth) continue;
        const pending = this.queue.shift() as PendingTask<Task, Result>;
        worker.inFlight.push(pending);
        worker.thread.postMessage({ id: pending.id, task: pending.task } satisfies TaskMessage<Task>);
      }
    }
  }
}
