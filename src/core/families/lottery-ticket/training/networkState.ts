// Copies of a network's weights and biases: the rewind point, the early-stopping snapshot.
import type { MlpNetwork } from '../network/mlpNetwork';

export interface NetworkState {
  weights: Float32Array[];
  biases: Float32Array[];
}

function layers(network: MlpNetwork): number[] {
  return network.layerSizes.slice(1).map((_, layer) => layer);
}

export function captureState(network: MlpNetwork): NetworkState {
  return { weights: layers(network).map((layer) => network.weights(layer).slice()), biases: layers(network).map((layer) => network.biases(layer).slice()) };
}

/** Overwrites `into` (same shapes) with the network's current values, without allocating. */
export function copyStateInto(network: MlpNetwork, into: NetworkState): void {
  for (const layer of layers(network)) {
    into.weights[layer].set(network.weights(layer));
    into.biases[layer].set(network.biases(layer));
  }
}

export function restoreState(network: MlpNetwork, state: NetworkState): void {
  for (const layer of layers(network)) {
    network.weights(layer).set(state.weights[layer]);
    network.biases(layer).set(state.biases[layer]);
  }
}

export function setMasks(network: MlpNetwork, masks: readonly Uint8Array[]): void {
  for (const layer of layers(network)) network.mask(layer).set(masks[layer]);
  network.masksChanged();
}

export function currentMasks(network: MlpNetwork): Uint8Array[] {
  return layers(network).map((layer) => network.mask(layer).slice());
}
