// A pool kept between runs: the same threads serve the next run when the last gave it back
// whole; a stopped run, another size or a dead pool means new threads.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { KeptWorkerPool } from '../../../src/core/execution/keptWorkerPool';

const fakeWorker = join(__dirname, 'fixtures', 'fakeTrialWorker.ts');

test('a pool given back whole is lent again; another size, or a pool given back after a stop, is replaced and terminated', async () => {
  const kept = new KeptWorkerPool<unknown, unknown>();
  try {
    const first = kept.borrow(fakeWorker, 1);
    assert.throws(() => kept.borrow(fakeWorker, 1), /already borrowed/);
    await kept.giveBack(first, true);
    const again = kept.borrow(fakeWorker, 1);
    assert.equal(again, first, 'the same threads');
    await kept.giveBack(again, true);

    const wider = kept.borrow(fakeWorker, 2);
    assert.notEqual(wider, first);
    assert.equal(first.usable, false, 'the old pool was terminated');
    await kept.giveBack(wider, false);
    assert.equal(wider.usable, false, 'a pool given back after a stop is terminated');
    const fresh = kept.borrow(fakeWorker, 2);
    assert.notEqual(fresh, wider);
    await kept.giveBack(fresh, true);
  } finally {
    await kept.terminate();
  }
});
