// Which weights a round keeps. Magnitude pruning as Frankle & Carbin: per round, each hidden
// layer (or, globally, the hidden layers together) loses round(fraction × remaining) of its
// smallest-magnitude surviving weights, the output layer round(outputFraction × remaining).
// Random pruning keeps as many weights per layer at random positions (the control).
import { chooseDistinct, range } from '../../../random/chooseDistinct';
import type { RandomStream } from '../../../random/randomStream';

export interface PruningRule {
  scope: 'layerwise' | 'global';
  fraction: number;
  outputFraction: number;
}

function kept(mask: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < mask.length; index++) count += mask[index];
  return count;
}

/** Weights kept after `rounds` rounds starting from `count`: each round removes round(fraction × remaining). */
export function keptAfter(count: number, fraction: number, rounds: number): number {
  let remaining = count;
  for (let round = 0; round < rounds; round++) remaining -= Math.round(fraction * remaining);
  return remaining;
}

/**
 * Keeps the `keep` largest |weight| among the positions `mask` keeps, over the given layers
 * pooled; ties broken by position (layer, then index), so the result is deterministic.
 */
function keepLargest(weights: readonly Float32Array[], masks: readonly Uint8Array[], layers: readonly number[], keep: number): Uint8Array[] {
  const total = layers.reduce((sum, layer) => sum + kept(masks[layer]), 0);
  const magnitudes = new Float32Array(total);
  let position = 0;
  for (const layer of layers) {
    const mask = masks[layer];
    const values = weights[layer];
    for (let index = 0; index < mask.length; index++) if (mask[index]) magnitudes[position++] = Math.abs(values[index]);
  }
  // The threshold is the keep-th largest magnitude: strictly larger ones stay, and of those equal
  // to it, the first ones in position order fill what is left.
  const sorted = magnitudes.slice().sort();
  const threshold = keep === 0 ? Infinity : sorted[total - keep];
  let equalSlots = keep - (keep === 0 ? 0 : total - upperBound(sorted, threshold));
  const result = layers.map(() => new Uint8Array(0));
  layers.forEach((layer, slot) => {
    const mask = masks[layer];
    const values = weights[layer];
    const next = new Uint8Array(mask.length);
    for (let index = 0; index < mask.length; index++) {
      if (!mask[index]) continue;
      const magnitude = Math.abs(values[index]);
      if (magnitude > threshold) next[index] = 1;
      else if (magnitude === threshold && equalSlots > 0) {
        next[index] = 1;
        equalSlots--;
      }
    }
    result[slot] = next;
  });
  return result;
}

/** First position in ascending `sorted` whose value is greater than `value`. */
function upperBound(sorted: Float32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The masks after pruning `weights` (under `masks`) down to the counts `rounds` rounds of the
 * rule reach from the counts `masks` keep now: one round for iterative pruning, k rounds from
 * the dense masks for one-shot pruning to round k's density.
 */
export function magnitudePrune(weights: readonly Float32Array[], masks: readonly Uint8Array[], rule: PruningRule, rounds = 1): Uint8Array[] {
  const output = masks.length - 1;
  const hidden = masks.map((_, layer) => layer).slice(0, output);
  const next: Uint8Array[] = new Array(masks.length);
  const groups = rule.scope === 'global' ? [hidden] : hidden.map((layer) => [layer]);
  for (const group of groups) {
    const count = group.reduce((sum, layer) => sum + kept(masks[layer]), 0);
    keepLargest(weights, masks, group, keptAfter(count, rule.fraction, rounds)).forEach((mask, slot) => (next[group[slot]] = mask));
  }
  [next[output]] = keepLargest(weights, masks, [output], keptAfter(kept(masks[output]), rule.outputFraction, rounds));
  return next;
}

/** Masks keeping as many weights per layer as `like`, at uniformly random positions. */
export function randomMasksLike(like: readonly Uint8Array[], random: RandomStream): Uint8Array[] {
  return like.map((mask) => {
    const next = new Uint8Array(mask.length);
    for (const index of chooseDistinct(random, range(mask.length), kept(mask))) next[index] = 1;
    return next;
  });
}

/** How many kept weights each input (pixel) feeds: the column sums of the first layer's [out][in] mask. */
export function inputUsage(firstLayer: Uint8Array, inputs: number): number[] {
  const usage = new Array<number>(inputs).fill(0);
  for (let index = 0; index < firstLayer.length; index++) usage[index % inputs] += firstLayer[index];
  return usage;
}

/** Fraction of weights kept, overall and per layer. */
export function densities(masks: readonly Uint8Array[]): { density: number; layerDensity: number[] } {
  const counts = masks.map(kept);
  const total = masks.reduce((sum, mask) => sum + mask.length, 0);
  return { density: counts.reduce((sum, count) => sum + count, 0) / total, layerDensity: counts.map((count, layer) => count / masks[layer].length) };
}
