// Seeded weight initialization: Gaussian with the variance of Kaiming (2 / fan_in, open_lth) or
// Glorot (2 / (fan_in + fan_out), Frankle & Carbin); biases 0. Each layer has its own stream, so
// a layer's initial weights do not depend on the widths of the others.
import { trialStream } from '../../../random/trialStreams';
import type { MlpNetwork } from '../network/mlpNetwork';

export type InitMethod = 'kaiming-normal' | 'glorot-normal';

/** Stream indices per draw: the ticket's initialization, then one per random re-initialization. */
export const ORIGINAL_INIT = 0;

/** Draws every layer's weights (pruned ones included: masksChanged zeroes them) and zeroes the biases. */
export function initializeNetwork(network: MlpNetwork, method: InitMethod, seed: number, draw: number): void {
  const sizes = network.layerSizes;
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    const fanIn = sizes[layer];
    const fanOut = sizes[layer + 1];
    const std = Math.sqrt(method === 'kaiming-normal' ? 2 / fanIn : 2 / (fanIn + fanOut));
    const random = trialStream(seed, 'init', draw * 64 + layer);
    const weights = network.weights(layer);
    for (let index = 0; index < weights.length; index++) weights[index] = random.nextGaussian() * std;
    network.biases(layer).fill(0);
  }
}
