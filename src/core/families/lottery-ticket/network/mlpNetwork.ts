// A multi-layer perceptron with pruning masks, as the lottery-ticket trainer drives it: ReLU
// hidden layers, a softmax cross-entropy output, biases never pruned. Two implementations share
// this interface: the plain-TypeScript reference (typescriptNetwork.ts) and the WebAssembly SIMD
// one (wasmNetwork.ts), which must agree with it. All numbers are float32.

/** How the weights are updated; pruned weights never move and keep no optimizer state. */
export type OptimizerSettings =
  | { kind: 'sgd'; learningRate: number; momentum: number }
  | { kind: 'adam'; learningRate: number; beta1: number; beta2: number; epsilon: number };

/** Sum of the per-example cross-entropy losses and count of correct argmax predictions. */
export interface Evaluation {
  lossSum: number;
  correct: number;
  count: number;
}

export interface MlpNetwork {
  /** [input, hidden..., output], e.g. [784, 300, 100, 10]. */
  readonly layerSizes: readonly number[];
  /** Largest batch trainStep and computeGradients accept (evaluate takes any count, in chunks). */
  readonly maxBatch: number;

  /**
   * Layer l's weights (l = 0 .. layerSizes.length - 2), row-major [out][in]: weight (o, i) at
   * o * layerSizes[l] + i. A live view: writing it sets the weights (call masksChanged after
   * changing masks, not after changing weights). Pruned weights must stay 0: after writing
   * values that are not 0 where pruned (e.g. rewinding to the initial weights), call masksChanged
   * (the implementations skip pruned weights differently, so a non-zero one would be used by one
   * and ignored by the other).
   */
  weights(layer: number): Float32Array;
  biases(layer: number): Float32Array;
  /** 1 = kept, 0 = pruned, same layout as weights(layer). A live view. */
  mask(layer: number): Uint8Array;
  /**
   * After masks were edited: zeroes the pruned weights and their optimizer state, and rebuilds
   * whatever sparse structure the implementation keeps (at low density the work must scale with
   * the kept weights).
   */
  masksChanged(): void;

  setOptimizer(settings: OptimizerSettings): void;
  /** Zeroes momentum / Adam moments and the step count (a rewound network starts afresh). */
  resetOptimizerState(): void;

  /**
   * Forward and backward on a batch: `inputs` holds `count` rows of layerSizes[0] floats,
   * `labels` their classes. Returns the mean cross-entropy loss; the gradients of the mean loss
   * are then in weightGradients / biasGradients (zero where pruned).
   */
  computeGradients(inputs: Float32Array, labels: Uint8Array, count: number): number;
  weightGradients(layer: number): Float32Array;
  biasGradients(layer: number): Float32Array;
  /** One optimizer update from the current gradients (pruned weights stay exactly zero). */
  applyUpdate(): void;
  /** computeGradients then applyUpdate; returns the batch's mean loss. */
  trainStep(inputs: Float32Array, labels: Uint8Array, count: number): number;

  /** Loss and accuracy over `count` rows (no gradients, no state change). */
  evaluate(inputs: Float32Array, labels: Uint8Array, count: number): Evaluation;
}
