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

/** 0, 1, ..., size-1. */
export function range(size: number): Int32Array {
  const values = new Int32Array(size);
  for (let index = 0; index < size; index++) values[index] = index;
  return values;
}
