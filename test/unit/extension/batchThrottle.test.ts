import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchThrottle, type ThrottleClock } from '../../../src/extension/panel/batchThrottle';

/** A manual clock: time moves only when the test says so. */
function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextHandle = 1;
  const clock: ThrottleClock = {
    now: () => now,
    setTimeout: (callback, delayMs) => {
      timers.set(nextHandle, { at: now + delayMs, callback });
      return nextHandle++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...timers].sort((left, right) => left[1].at - right[1].at)) {
      if (timer.at <= now && timers.delete(handle)) timer.callback();
    }
  };
  return { clock, advance, pendingTimers: () => timers.size };
}

test('the first item goes out at once, later ones are batched until the interval has passed', () => {
  const { clock, advance } = fakeClock();
  const batches: number[][] = [];
  const throttle = new BatchThrottle<number>(500, (batch) => batches.push(batch), clock);
  throttle.push(1);
  assert.deepEqual(batches, [[1]]);
  advance(100);
  throttle.push(2);
  advance(100);
  throttle.push(3);
  assert.deepEqual(batches, [[1]], 'nothing before 500 ms since the last batch');
  advance(299);
  assert.deepEqual(batches, [[1]]);
  advance(1);
  assert.deepEqual(batches, [[1], [2, 3]]);
});

test('after a quiet period an item goes out at once again', () => {
  const { clock, advance } = fakeClock();
  const batches: number[][] = [];
  const throttle = new BatchThrottle<number>(500, (batch) => batches.push(batch), clock);
  throttle.push(1);
  advance(2000);
  throttle.push(2);
  assert.deepEqual(batches, [[1], [2]]);
});

test('flush delivers pending items now and cancels the timer; discard drops them', () => {
  const { clock, advance, pendingTimers } = fakeClock();
  const batches: number[][] = [];
  const throttle = new BatchThrottle<number>(500, (batch) => batches.push(batch), clock);
  throttle.push(1);
  throttle.push(2);
  throttle.flush();
  assert.deepEqual(batches, [[1], [2]]);
  assert.equal(pendingTimers(), 0);
  throttle.flush();
  assert.equal(batches.length, 2, 'an empty flush delivers nothing');
  throttle.push(3);
  throttle.discard();
  advance(1000);
  assert.deepEqual(batches, [[1], [2]]);
});

test('a zero interval delivers every item immediately', () => {
  const batches: number[][] = [];
  const throttle = new BatchThrottle<number>(0, (batch) => batches.push(batch), fakeClock().clock);
  throttle.push(1);
  throttle.push(2);
  assert.deepEqual(batches, [[1], [2]]);
});

test('a negative or NaN interval is refused with a clear error', () => {
  assert.throws(() => new BatchThrottle<number>(-1, () => undefined), /intervalMs must be >= 0, got -1/);
  assert.throws(() => new BatchThrottle<number>(Number.NaN, () => undefined), /intervalMs must be >= 0/);
});
