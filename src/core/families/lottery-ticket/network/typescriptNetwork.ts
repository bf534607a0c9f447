// The plain-TypeScript MLP: the reference the WebAssembly network is tested against, and the
// fallback when WebAssembly cannot be instantiated. Parameters, gradients and optimizer state are
// float32 (as the interface shows them); everything in between — activations, deltas, gradient
// sums, the loss — is kept in JS numbers (float64), so this computes the loss and gradient of the
// float32 parameters to float64 accuracy: a finite-difference check can test it directly, and
// the float32 WebAssembly network must agree with it to float32 rounding.
// Layout: batch-major ([row][feature]). Each weight row keeps the list of its kept inputs
// (rebuilt by masksChanged), and every loop runs over those lists, so pruned weights are never
// read or written and the work scales with the kept weights.
import type { Evaluation, MlpNetwork, OptimizerSettings } from './mlpNetwork';
import {
  adamScalars,
  checkBatch,
  checkLayer,
  checkMaskValues,
  checkNetworkSizes,
  checkOptimizer,
  layerShapes,
  type LayerShape,
} from './networkArguments';

interface Layer extends LayerShape {
  weights: Float32Array;
  biases: Float32Array;
  mask: Uint8Array;
  weightGradients: Float32Array;
  biasGradients: Float32Array;
  /** SGD: velocity; Adam: first moment. Same layout as weights / biases. */
  weightMoments: Float32Array;
  biasMoments: Float32Array;
  /** Adam's second moments (unused by SGD). */
  weightSquares: Float32Array;
  biasSquares: Float32Array;
  /** Kept weights of row o: columns keptColumns[keptStart[o] .. keptStart[o + 1]). */
  keptStart: Int32Array;
  keptColumns: Int32Array;
  /** This layer's output for the batch, [row][output]: after ReLU for hidden layers, logits for the last. */
  activations: Float64Array;
  /** d(mean loss)/d(pre-activation), [row][output]. */
  deltas: Float64Array;
  /** Weight gradient sums before rounding to float32. */
  gradientSums: Float64Array;
}

export function createTypescriptNetwork(layerSizes: readonly number[], maxBatch: number): MlpNetwork {
  checkNetworkSizes(layerSizes, maxBatch);
  const sizes = Object.freeze([...layerSizes]);
  const layers: Layer[] = layerShapes(sizes).map(({ inputs, outputs }) => ({
    inputs,
    outputs,
    weights: new Float32Array(outputs * inputs),
    biases: new Float32Array(outputs),
    mask: new Uint8Array(outputs * inputs).fill(1),
    weightGradients: new Float32Array(outputs * inputs),
    biasGradients: new Float32Array(outputs),
    weightMoments: new Float32Array(outputs * inputs),
    biasMoments: new Float32Array(outputs),
    weightSquares: new Float32Array(outputs * inputs),
    biasSquares: new Float32Array(outputs),
    keptStart: new Int32Array(outputs + 1),
    keptColumns: new Int32Array(outputs * inputs),
    activations: new Float64Array(maxBatch * outputs),
    deltas: new Float64Array(maxBatch * outputs),
    gradientSums: new Float64Array(outputs * inputs),
  }));
  for (const layer of layers) rebuildKeptLists(layer);
  const last = layers[layers.length - 1];
  let optimizer: OptimizerSettings | undefined;
  let adamStep = 0;

  function rebuildKeptLists(layer: Layer): void {
    let kept = 0;
    for (let row = 0; row < layer.outputs; row++) {
      layer.keptStart[row] = kept;
      for (let column = 0; column < layer.inputs; column++) {
        if (layer.mask[row * layer.inputs + column] === 1) layer.keptColumns[kept++] = column;
      }
    }
    layer.keptStart[layer.outputs] = kept;
  }

  /** Outputs of every layer for rows 0..count-1 of `inputs` (batch-major, count <= maxBatch). */
  function forward(inputs: Float32Array, count: number): void {
    let layerInputs: Float32Array | Float64Array = inputs;
    for (const layer of layers) {
      const { inputs: width, outputs: height, weights, biases, keptStart, keptColumns, activations } = layer;
      const rectify = layer !== last;
      for (let row = 0; row < count; row++) {
        const input = row * width;
        for (let output = 0; output < height; output++) {
          const weightRow = output * width;
          let sum = biases[output];
          for (let entry = keptStart[output]; entry < keptStart[output + 1]; entry++) {
            const column = keptColumns[entry];
            sum += weights[weightRow + column] * layerInputs[input + column];
          }
          // ReLU as `z > 0 ? z : 0` (the WASM network's pmax(0, z)): relu'(0) is taken as 0.
          activations[row * height + output] = rectify ? (sum > 0 ? sum : 0) : sum;
        }
      }
      layerInputs = activations;
    }
  }

  /**
   * Adds the rows' softmax cross-entropy losses of the logits (computed stably: the max logit is
   * subtracted) and counts correct argmax predictions (ties: the lowest class). With `deltaScale`,
   * also writes (softmax - onehot) · deltaScale to the last layer's deltas.
   */
  function scoreLogits(labels: Uint8Array, count: number, deltaScale?: number): { lossSum: number; correct: number } {
    const classes = last.outputs;
    const logits = last.activations;
    let lossSum = 0;
    let correct = 0;
    for (let row = 0; row < count; row++) {
      const base = row * classes;
      let predicted = 0;
      for (let label = 1; label < classes; label++) if (logits[base + label] > logits[base + predicted]) predicted = label;
      const maxLogit = logits[base + predicted];
      let expSum = 0;
      for (let label = 0; label < classes; label++) expSum += Math.exp(logits[base + label] - maxLogit);
      const target = labels[row];
      lossSum += Math.log(expSum) - (logits[base + target] - maxLogit);
      if (predicted === target) correct++;
      if (deltaScale !== undefined) {
        for (let label = 0; label < classes; label++) {
          const probability = Math.exp(logits[base + label] - maxLogit) / expSum;
          last.deltas[base + label] = (probability - (label === target ? 1 : 0)) * deltaScale;
        }
      }
    }
    return { lossSum, correct };
  }

  /** Gradients of the mean loss from the last layer's deltas back to the first layer's weights. */
  function backward(inputs: Float32Array, count: number): void {
    for (let index = layers.length - 1; index >= 0; index--) {
      const layer = layers[index];
      const { inputs: width, outputs: height, weights, keptStart, keptColumns, deltas, gradientSums } = layer;
      const layerInputs = index === 0 ? inputs : layers[index - 1].activations;
      gradientSums.fill(0);
      for (let row = 0; row < count; row++) {
        for (let output = 0; output < height; output++) {
          const delta = deltas[row * height + output];
          for (let entry = keptStart[output]; entry < keptStart[output + 1]; entry++) {
            const column = keptColumns[entry];
            gradientSums[output * width + column] += delta * layerInputs[row * width + column];
          }
        }
      }
      // Only kept entries are written: pruned ones stay at the zero masksChanged left.
      for (let output = 0; output < height; output++) {
        for (let entry = keptStart[output]; entry < keptStart[output + 1]; entry++) {
          const position = output * width + keptColumns[entry];
          layer.weightGradients[position] = gradientSums[position];
        }
        let biasSum = 0;
        for (let row = 0; row < count; row++) biasSum += deltas[row * height + output];
        layer.biasGradients[output] = biasSum;
      }
      if (index === 0) break;
      // Deltas of the layer below: the input gradient through the kept weights, times relu'.
      const below = layers[index - 1];
      below.deltas.fill(0, 0, count * width);
      for (let row = 0; row < count; row++) {
        for (let output = 0; output < height; output++) {
          const delta = deltas[row * height + output];
          for (let entry = keptStart[output]; entry < keptStart[output + 1]; entry++) {
            const column = keptColumns[entry];
            below.deltas[row * width + column] += weights[output * width + column] * delta;
          }
        }
        for (let column = 0; column < width; column++) {
          if (!(below.activations[row * width + column] > 0)) below.deltas[row * width + column] = 0;
        }
      }
    }
  }

  function updateSgd(settings: Extract<OptimizerSettings, { kind: 'sgd' }>): void {
    const { learningRate, momentum } = settings;
    // PyTorch's SGD (no dampening): v = momentum · v + g; w -= lr · v.
    const step = (values: Float32Array, gradients: Float32Array, velocities: Float32Array, position: number) => {
      const velocity = momentum * velocities[position] + gradients[position];
      velocities[position] = velocity;
      values[position] -= learningRate * velocity;
    };
    for (const layer of layers) {
      forEachKept(layer, (position) => step(layer.weights, layer.weightGradients, layer.weightMoments, position));
      for (let output = 0; output < layer.outputs; output++) step(layer.biases, layer.biasGradients, layer.biasMoments, output);
    }
  }

  function updateAdam(settings: Extract<OptimizerSettings, { kind: 'adam' }>): void {
    const { beta1, beta2, epsilon } = settings;
    adamStep++;
    const { stepSize, secondMomentScale } = adamScalars(settings, adamStep);
    const step = (values: Float32Array, gradients: Float32Array, moments: Float32Array, squares: Float32Array, position: number) => {
      const gradient = gradients[position];
      const moment = beta1 * moments[position] + (1 - beta1) * gradient;
      const square = beta2 * squares[position] + (1 - beta2) * gradient * gradient;
      moments[position] = moment;
      squares[position] = square;
      // From the float32 state, as the WASM network reads it back.
      values[position] -= (stepSize * moments[position]) / (Math.sqrt(squares[position]) / secondMomentScale + epsilon);
    };
    for (const layer of layers) {
      forEachKept(layer, (position) => step(layer.weights, layer.weightGradients, layer.weightMoments, layer.weightSquares, position));
      for (let output = 0; output < layer.outputs; output++) step(layer.biases, layer.biasGradients, layer.biasMoments, layer.biasSquares, output);
    }
  }

  const network: MlpNetwork = {
    layerSizes: sizes,
    maxBatch,

    weights: (layer) => layerAt(layer).weights,
    biases: (layer) => layerAt(layer).biases,
    mask: (layer) => layerAt(layer).mask,
    weightGradients: (layer) => layerAt(layer).weightGradients,
    biasGradients: (layer) => layerAt(layer).biasGradients,

    masksChanged() {
      layers.forEach((layer, index) => checkMaskValues(layer.mask, index));
      for (const layer of layers) {
        for (let position = 0; position < layer.mask.length; position++) {
          if (layer.mask[position] === 1) continue;
          layer.weights[position] = 0;
          layer.weightGradients[position] = 0;
          layer.weightMoments[position] = 0;
          layer.weightSquares[position] = 0;
        }
        rebuildKeptLists(layer);
      }
    },

    setOptimizer(settings) {
      checkOptimizer(settings);
      // Moments of one kind mean nothing to the other; a new learning rate keeps them.
      if (optimizer && optimizer.kind !== settings.kind) network.resetOptimizerState();
      optimizer = { ...settings };
    },

    resetOptimizerState() {
      for (const layer of layers) {
        for (const state of [layer.weightMoments, layer.biasMoments, layer.weightSquares, layer.biasSquares]) state.fill(0);
      }
      adamStep = 0;
    },

    computeGradients(inputs, labels, count) {
      checkBatch(sizes, inputs, labels, count, maxBatch);
      forward(inputs, count);
      const { lossSum } = scoreLogits(labels, count, 1 / count);
      backward(inputs, count);
      return lossSum / count;
    },

    applyUpdate() {
      if (!optimizer) throw new Error('mlp network: applyUpdate before setOptimizer');
      if (optimizer.kind === 'sgd') updateSgd(optimizer);
      else updateAdam(optimizer);
    },

    trainStep(inputs, labels, count) {
      const loss = network.computeGradients(inputs, labels, count);
      network.applyUpdate();
      return loss;
    },

    evaluate(inputs, labels, count): Evaluation {
      checkBatch(sizes, inputs, labels, count, Infinity);
      const width = sizes[0];
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < count; start += maxBatch) {
        const rows = Math.min(maxBatch, count - start);
        forward(inputs.subarray(start * width, (start + rows) * width), rows);
        const chunk = scoreLogits(labels.subarray(start, start + rows), rows);
        lossSum += chunk.lossSum;
        correct += chunk.correct;
      }
      return { lossSum, correct, count };
    },
  };
  return network;

  function layerAt(layer: number): Layer {
    checkLayer(sizes, layer);
    return layers[layer];
  }
}

function forEachKept(layer: Layer, visit: (position: number) => void): void {
  for (let row = 0; row < layer.outputs; row++) {
    for (let entry = layer.keptStart[row]; entry < layer.keptStart[row + 1]; entry++) visit(row * layer.inputs + layer.keptColumns[entry]);
  }
}
