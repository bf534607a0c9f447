// Flop counts of one full-batch heavy-ball iteration (paper.md §2), for GFLOP/s figures.
// A multiply-add counts as 2 flops; the element-wise work (ReLU, residuals, update) is O(N·K)
// or O(K·r) per iteration and is left out: the products dominate.

/**
 * The useful work, on the mask only: the forward pass z = W x costs one multiply-add per mask
 * entry and sample (2·N·K·r), the gradient sum_n res_n 1[z > 0] x_n the same again (2·N·K·r).
 */
export function sparseIterationFlops(samples: number, hiddenUnits: number, nonzerosPerNeuron: number): number {
  return 4 * samples * hiddenUnits * nonzerosPerNeuron;
}

/**
 * What a dense implementation (the NumPy baseline) performs: inputs @ W.T is 2·N·d·K and
 * (residual-weighted activations).T @ inputs another 2·N·K·d, whatever the mask.
 */
export function denseIterationFlops(samples: number, hiddenUnits: number, inputDim: number): number {
  return 4 * samples * hiddenUnits * inputDim;
}
