// A fixed set of long-lived worker threads (start-up costs ~60 ms, so never one per task)
// that run tasks one at a time each, in submission order.
import type { Worker } from 'node:worker_threads';
import type { ReplyMessage, TaskMessage } from './workerProtocol';
import { startWorkerThread } from './workerScript';

interface PendingTask<Task, Result> {
  id: number;
  task: Task;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface PoolWorker<Task, Result> {
  thread: Worker;
  /** The task it is running, if any. */
  current?: PendingTask<Task, Result>;
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

  /** Runs `task` on the next free worker. Rejects with the worker's error if it fails or dies. */
  run(task: Task): Promise<Result> {
    if (this.terminated) return Promise.reject(new PoolTerminatedError());
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker at once (a task in flight is abandoned) and rejects what is unfinished. */
  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    const unfinished = [...this.queue.splice(0), ...this.workers.flatMap((worker) => (worker.current ? [worker.current] : []))];
    for (const worker of this.workers) worker.current = undefined;
    for (const pending of unfinished) pending.reject(new PoolTerminatedError());
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }

  private startWorker(scriptFilename: string, index: number): PoolWorker<Task, Result> {
    const thread: Worker = startWorkerThread(scriptFilename);
    const worker: PoolWorker<Task, Result> = { thread };
    thread.on('message', (reply: ReplyMessage<Result>) => {
      const pending = worker.current;
      if (!pending || pending.id !== reply.id) return;
      worker.current = undefined;
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new Error(`worker ${index + 1} failed: ${reply.error}`));
      this.dispatch();
    });
    // A dead worker cannot take more tasks: fail its task and everything still queued,
    // since a crash (out of memory, a bug in a kernel) would most likely repeat.
    const die = (reason: string) => {
      const position = this.workers.indexOf(worker);
      if (this.terminated || position < 0) return; // 'exit' follows 'error': handle the first
      this.workers.splice(position, 1);
      const failure = new Error(`worker ${index + 1} ${reason}`);
      this.failure ??= failure;
      const unfinished = [...(worker.current ? [worker.current] : []), ...this.queue.splice(0)];
      worker.current = undefined;
      for (const pending of unfinished) pending.reject(failure);
    };
    thread.on('error', (error) => die(`crashed: ${error.stack ?? error.message}`));
    thread.on('exit', (code) => die(`exited unexpectedly with code ${code}`));
    return worker;
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      if (this.queue.length === 0) return;
      if (worker.current) continue;
      const pending = this.queue.shift() as PendingTask<Task, Result>;
      worker.current = pending;
      worker.thread.postMessage({ id: pending.id, task: pending.task } satisfies TaskMessage<Task>);
    }
  }
}
