import type { RandomStream } from './randomStream';

/**
 * `count` distinct elements of `candidates`, uniformly among all subsets of that size, returned
 * sorted ascending. Partial Fisher–Yates on a copy: O(candidates) memory, `count` draws.
 */
export function chooseDistinct(random: RandomStream, candidates: Int32Array, count: number): Int32Array {
  if (!Number.isInteger(count) || count < 0 || count > candidates.length) {
    throw new RangeError(`chooseDistinct: cannot choose ${count} of ${candidates.length} candidates`);
  }
  const pool = Int32Array.from(candidates);
  for (let position = 0; position < count; position++) {
    const swap = position + random.nextInt(pool.length - position);
    const chosen = pool[swap];
    pool[swap] = pool[position];
    pool[position] = chosen;
  }
  return pool.slice(0, count).sort();
}

/**
 * The same as chooseDistinct(random, range(size), count), draw for draw, in O(count) memory: the
 * shuffled pool is kept as the few slots that differ from 0..size-1 (a teacher's r positions
 * among d = 10^9 features must not need a 4 GB array).
 */
export function chooseDistinctBelow(random: RandomStream, size: number, count: number): Int32Array {
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(size) || count > size) {
    throw new RangeError(`chooseDistinct: cannot choose ${count} of ${size} candidates`);
  }
  const moved = new Map<number, number>();
  const chosen = new Int32Array(count);
  for (let position = 0; position < count; position++) {
    const swap = position + random.nextInt(size - position);
    chosen[position] = moved.get(swap) ?? swap;
    // Slot `position` is never read again (later swaps land at or after position + 1).
    moved.set(swap, moved.get(position) ?? position);
  }
  return chosen.sort();
}

/** 0, 1, ..., size-1. */
export function range(size: number): Int32Array {
  const values = new Int32Array(size);
  for (let index = 0; index < size; index++) values[index] = index;
  return values;
}
