// A worker pool kept from one run to the next (the extension's warm trainer): the threads, their
// optimized code and their compiled WASM module survive the run, so the next run skips the
// start-up and warm-up that a fresh pool pays (~0.2 s, BENCHMARKS.md). A run borrows the pool
// and gives it back whole, or discards it: a cancelled run terminates its threads to stop at
// once, and a pool whose worker died is not trusted again.
import { WorkerPool } from './workerPool';

export class KeptWorkerPool<Task, Result> {
  private pool: WorkerPool<Task, Result> | undefined;
  private script: string | undefined;
  private borrowed = false;

  /** The kept pool when it runs `script` on `size` threads, else a new one (the old one is terminated). */
  borrow(script: string, size: number): WorkerPool<Task, Result> {
    if (this.borrowed) throw new Error('KeptWorkerPool: the pool is already borrowed (one run at a time)');
    if (this.pool && (this.script !== script || this.pool.size !== size || !this.pool.usable)) void this.discardPool();
    this.pool ??= new WorkerPool<Task, Result>(script, size);
    this.script = script;
    this.borrowed = true;
    return this.pool;
  }

  /** Ends a borrowing: `keep` when every task was answered and the pool is whole, else its threads are terminated. */
  async giveBack(pool: WorkerPool<Task, Result>, keep: boolean): Promise<void> {
    if (pool !== this.pool) return pool.terminate();
    this.borrowed = false;
    if (!keep || !pool.usable) await this.discardPool();
  }

  /** Terminates the kept threads (the trainer is going away). */
  async terminate(): Promise<void> {
    await this.discardPool();
  }

  private async discardPool(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.terminate();
  }
}
