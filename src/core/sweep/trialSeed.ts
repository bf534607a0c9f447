// Deterministic per-trial seeds: a pure function of (experiment seed, cell, trial index), so
// results do not depend on worker count or scheduling order.
import { murmurHash3Text } from './murmurHash3';

/**
 * The seed of one trial: MurmurHash3_x86_32 of the UTF-8 text `<cellKey>#<trialIndex>`, with the
 * experiment seed as the hash seed. A uint32 (0 included).
 */
export function trialSeed(experimentSeed: number, cellKey: string, trialIndex: number): number {
  if (!Number.isInteger(experimentSeed) || experimentSeed < 0 || experimentSeed > 0xffffffff) {
    throw new RangeError(`trialSeed: experiment seed ${experimentSeed} is not a uint32`);
  }
  if (!Number.isInteger(trialIndex) || trialIndex < 0) throw new RangeError(`trialSeed: trial index ${trialIndex} is not an integer ≥ 0`);
  return murmurHash3Text(`${cellKey}#${trialIndex}`, experimentSeed);
}
