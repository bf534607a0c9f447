// Sizes of a fully connected network, for the memory estimate made before a run starts.

/** Weights of every layer (biases are never pruned and not counted). */
export function prunableWeights(layerSizes: readonly number[]): number {
  let total = 0;
  for (let layer = 0; layer + 1 < layerSizes.length; layer++) total += layerSizes[layer] * layerSizes[layer + 1];
  return total;
}

/**
 * Bytes one worker's chain holds at its peak: per weight, float32 weights, gradients, two
 * optimizer buffers, the rewind point, the early-stopping snapshot and the initialization, plus
 * a mask byte; per batch row, activations and their gradients of every layer.
 */
export function networkMemoryBytes(layerSizes: readonly number[], batchSize: number): number {
  const units = layerSizes.reduce((sum, size) => sum + size, 0);
  return prunableWeights(layerSizes) * (7 * 4 + 1) + batchSize * units * 4 * 4;
}
