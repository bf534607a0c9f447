import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PoolTerminatedError, WorkerPool } from '../../../src/core/execution/workerPool';
import type { TestTask } from './fixtures/testWorker';

const script = join(__dirname, 'fixtures', 'testWorker.ts');
const newPool = (size: number) => new WorkerPool<TestTask, { value: number; threadId: number }>(script, size);

test('tasks run on all workers and each result comes back to its task', async () => {
  const pool = newPool(2);
  try {
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ kind: 'square', value })));
    assert.deepEqual(results.map((result) => result.value), [1, 4, 9, 16, 25]);
    assert.equal(new Set(results.map((result) => result.threadId)).size, 2, 'both workers took tasks');
  } finally {
    await pool.terminate();
  }
});

test('a second task waits in a worker only while every worker can get one: the last tasks never queue behind a busy worker', async () => {
  const pool = newPool(2);
  try {
    // Worker 1 hangs on its first task. Had the third task been queued behind it (a second task in
    // flight), it would never finish; it must go to worker 2 once that one is free.
    void pool.run({ kind: 'hang' }).catch(() => {});
    const results = await Promise.all([pool.run({ kind: 'square', value: 2 }), pool.run({ kind: 'square', value: 3 })]);
    assert.deepEqual(results.map((result) => result.value), [4, 9]);
    assert.equal(results[0].threadId, results[1].threadId, 'both on the worker that is not stuck');
  } finally {
    await pool.terminate();
  }
});

test('with a long queue each worker holds two tasks, and every result still reaches its own task', async () => {
  const pool = newPool(2);
  try {
    const values = Array.from({ length: 40 }, (_, index) => index);
    const results = await Promise.all(values.map((value) => pool.run({ kind: 'square', value })));
    assert.deepEqual(results.map((result) => result.value), values.map((value) => value * value));
  } finally {
    await pool.terminate();
  }
});

test('a throwing task rejects with the worker\'s error and the pool goes on', async () => {
  const pool = newPool(1);
  try {
    await assert.rejects(pool.run({ kind: 'throw' }), (error: Error) => {
      assert.equal(error.message, 'worker 1 failed: deliberate failure in the test worker', 'the message is for people: no stack');
      assert.match(error.stack ?? '', /\(in the worker\) Error: deliberate failure in the test worker\n\s+at /, 'the stack says where, for the log');
      return true;
    });
    assert.equal((await pool.run({ kind: 'square', value: 3 })).value, 9);
  } finally {
    await pool.terminate();
  }
});

test('a worker that exits fails its task, the queue and later tasks', async () => {
  const pool = newPool(1);
  try {
    const dying = pool.run({ kind: 'exit', code: 3 });
    const queued = pool.run({ kind: 'square', value: 2 }); // in flight behind the dying one
    const later = pool.run({ kind: 'square', value: 5 }); // still in the pool's queue
    await assert.rejects(dying, /worker 1 exited unexpectedly with code 3/);
    await assert.rejects(queued, /exited unexpectedly/);
    await assert.rejects(later, /exited unexpectedly/);
    await assert.rejects(pool.run({ kind: 'square', value: 2 }), /exited unexpectedly/);
  } finally {
    await pool.terminate();
  }
});

test('terminate stops a worker stuck in a loop and rejects what was unfinished', async () => {
  const pool = newPool(1);
  const hanging = assert.rejects(pool.run({ kind: 'hang' }), PoolTerminatedError);
  const queued = assert.rejects(pool.run({ kind: 'square', value: 2 }), PoolTerminatedError);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await pool.terminate();
  await hanging;
  await queued;
  await assert.rejects(pool.run({ kind: 'square', value: 1 }), PoolTerminatedError);
});

test('a pool size that is not a positive integer is refused', () => {
  assert.throws(() => newPool(0), /size is 0, expected an integer >= 1/);
});
