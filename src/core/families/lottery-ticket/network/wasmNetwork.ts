// The MLP in WebAssembly SIMD (assembly/mlpKernels.ts, built by scripts/build-wasm.mjs), float32
// throughout. Every buffer lives in the instance's linear memory, laid out once at creation (the
// memory grows once, so the live views the interface hands out stay valid for the network's life).
// Activations and deltas are features-major ([feature][sample], samples padded to a multiple of
// 32); each layer runs dense (blocked SIMD products) or sparse (products over its lists of kept
// weights), chosen by its density in masksChanged.
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

interface MlpKernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  denseForward(
    paddedOutputs: number, inputCount: number, weights: number, biases: number,
    inputs: number, outputs: number, rowBytes: number, paddedCount: number, panels: number, columnPanels: number,
  ): void;
  denseInputGradient(
    paddedInputs: number, inputCount: number, outputCount: number, weights: number,
    deltas: number, inputDeltas: number, rowBytes: number, paddedCount: number, columnPanels: number,
  ): void;
  denseWeightGradient(
    paddedOutputs: number, inputCount: number, count: number,
    deltas: number, batchInputs: number, inputs: number, rowBytes: number, paddedCount: number,
    gradients: number, keep: number, panels: number, columnPanels: number,
  ): void;
  gatherRows(
    rowCount: number, listStart: number, listIndex: number,
    weights: number, weightRowStep: number, weightIndexStep: number,
    sources: number, targets: number, rowBytes: number, paddedCount: number, rowInit: number,
  ): void;
  sparseWeightGradient(
    rowCount: number, listStart: number, listIndex: number,
    deltas: number, inputs: number, rowBytes: number, paddedCount: number,
    gradients: number, rowLength: number,
  ): void;
  rectify(values: number, rowCount: number, rowBytes: number, paddedCount: number): void;
  gateByActivity(deltas: number, activations: number, rowCount: number, rowBytes: number, paddedCount: number): void;
  sumRows(values: number, rowCount: number, rowBytes: number, paddedCount: number, sums: number): void;
  transpose(source: number, sourceRowBytes: number, rowCount: number, columnCount: number, target: number, targetRowBytes: number): void;
  clearLanes(values: number, rowCount: number, rowBytes: number, from: number, to: number): void;
  softmaxCrossEntropy(
    logits: number, classCount: number, rowBytes: number, count: number, paddedCount: number,
    labels: number, deltas: number, deltaScale: number, correctOut: number,
  ): number;
  sgdDense(values: number, gradients: number, velocities: number, count: number, learningRate: number, momentum: number): void;
  sgdSparse(
    rowCount: number, rowLength: number, listStart: number, listIndex: number,
    values: number, gradients: number, velocities: number, learningRate: number, momentum: number,
  ): void;
  adamDense(
    values: number, gradients: number, moments: number, squares: number, count: number,
    stepSize: number, beta1: number, beta2: number, secondMomentScale: number, epsilon: number,
  ): void;
  adamSparse(
    rowCount: number, rowLength: number, listStart: number, listIndex: number,
    values: number, gradients: number, moments: number, squares: number,
    stepSize: number, beta1: number, beta2: number, secondMomentScale: number, epsilon: number,
  ): void;
  applyMask(mask: number, count: number, weights: number, gradients: number, moments: number, squares: number, keep: number): number;
  buildRowLists(mask: number, rowCount: number, columnCount: number, listStart: number, listIndex: number): void;
  buildColumnLists(mask: number, rowCount: number, columnCount: number, listStart: number, listIndex: number): void;
}

/**
 * Layers below this density (kept / all weights) run sparse. Measured with `bench/mlpStep.ts
 * --crossover` on LeNet-300-100 (batch 128, one layer sparse, the others dense): the sparse
 * products break even with the dense ones at about 45% density for both the 300x784 and the
 * 100x300 layer (layer 0 at 40%: 3.45 against 3.82 ms per step; at 50%: 4.16 against 3.80); on
 * the 10x100 output layer either path costs the same within noise. 40% leaves a margin.
 */
export const SPARSE_BELOW_DENSITY = 0.4;

/** Samples are padded to a multiple of this: the sparse gather works on 32 samples (8 vectors) at a time. */
const SAMPLE_PADDING = 32;
const PAGE_BYTES = 65536;
/** Buffers start on cache lines. */
const ALIGNMENT = 64;
const FLOAT_BYTES = 4;

export type LayerPath = 'dense' | 'sparse';

export interface WasmMlpNetwork extends MlpNetwork {
  /** Which products each layer runs since the last masksChanged. */
  layerPaths(): LayerPath[];
}

export interface WasmNetworkOptions {
  /** Overrides SPARSE_BELOW_DENSITY (tests force a path with 0 or 2). */
  sparseBelowDensity?: number;
}

/** Byte addresses of one layer's buffers, and views of those the interface shows. */
interface WasmLayer extends LayerShape {
  /** outputs and inputs rounded up to a multiple of 4: the dense products work on 4 rows at a time. */
  paddedOutputs: number;
  paddedInputs: number;
  /** [paddedOutputs][inputs]: the padded rows stay zero (so are the padded outputs of the forward pass). */
  weights: number;
  biases: number;
  mask: number;
  weightGradients: number;
  biasGradients: number;
  weightMoments: number;
  weightSquares: number;
  biasMoments: number;
  biasSquares: number;
  /** All-ones / zero float lanes, [paddedOutputs][inputs]: the dense weight gradient ANDs with them. */
  keep: number;
  /** Kept weights by output row (CSR): the inputs of row o at rowIndex[rowStart[o] .. rowStart[o + 1]). */
  rowStart: number;
  rowIndex: number;
  /** Kept weights by input column (CSC): the outputs of column i at columnIndex[columnStart[i] .. columnStart[i + 1]). */
  columnStart: number;
  columnIndex: number;
  /** Features-major [paddedOutputs][stride]: after ReLU for hidden layers, logits for the last. */
  activations: number;
  /** d(mean loss)/d(pre-activation), features-major [paddedOutputs][stride]. */
  deltas: number;
  /** This layer's inputs batch-major [maxBatch][inputs], for the dense weight gradient (layer 0: the input rows). */
  batchInputs: number;
  path: LayerPath;
  views: { weights: Float32Array; biases: Float32Array; mask: Uint8Array; weightGradients: Float32Array; biasGradients: Float32Array };
}

/** Instantiates the module (synchronously: fine in Node, and the module is ~13 kB) for one network. */
export function createWasmNetwork(module: WebAssembly.Module, layerSizes: readonly number[], maxBatch: number, options: WasmNetworkOptions = {}): WasmMlpNetwork {
  checkNetworkSizes(layerSizes, maxBatch);
  const sparseBelowDensity = options.sparseBelowDensity ?? SPARSE_BELOW_DENSITY;
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort: () => {
        throw new Error('wasm network: aborted');
      },
    },
  });
  const kernels = instance.exports as unknown as MlpKernelExports;
  const sizes = Object.freeze([...layerSizes]);
  const stride = roundUp(maxBatch, SAMPLE_PADDING);
  const rowBytes = stride * FLOAT_BYTES;

  // Layout: a bump allocator from the heap base, then one grow to the end.
  let end = kernels.heapBase();
  const reserve = (bytes: number): number => {
    const address = roundUp(end, ALIGNMENT);
    end = address + bytes;
    return address;
  };
  const inputRows = reserve(maxBatch * sizes[0] * FLOAT_BYTES);
  const inputColumns = reserve(sizes[0] * rowBytes);
  const labelBytes = reserve(maxBatch);
  const correctCount = reserve(4);
  const layers = layerShapes(sizes).map(({ inputs, outputs }, index): Omit<WasmLayer, 'views'> => {
    const paddedOutputs = roundUp(outputs, 4);
    // Padded rows, plus 4 floats: the input gradient reads up to 3 floats past the last row.
    const matrixBytes = (paddedOutputs * inputs + 4) * FLOAT_BYTES;
    return {
      inputs,
      outputs,
      paddedOutputs,
      paddedInputs: roundUp(inputs, 4),
      weights: reserve(matrixBytes),
      biases: reserve(paddedOutputs * FLOAT_BYTES),
      mask: reserve(outputs * inputs),
      weightGradients: reserve(matrixBytes),
      biasGradients: reserve(paddedOutputs * FLOAT_BYTES),
      weightMoments: reserve(outputs * inputs * FLOAT_BYTES),
      weightSquares: reserve(outputs * inputs * FLOAT_BYTES),
      biasMoments: reserve(outputs * FLOAT_BYTES),
      biasSquares: reserve(outputs * FLOAT_BYTES),
      keep: reserve(matrixBytes),
      rowStart: reserve((outputs + 1) * 4),
      rowIndex: reserve(outputs * inputs * 4),
      columnStart: reserve((inputs + 1) * 4),
      columnIndex: reserve(outputs * inputs * 4),
      activations: reserve(paddedOutputs * rowBytes),
      deltas: reserve(paddedOutputs * rowBytes),
      batchInputs: index === 0 ? inputRows : reserve(maxBatch * inputs * FLOAT_BYTES),
      path: 'dense',
    };
  });
  // Scratch of the dense products: the weights (forward) or the deltas (weight gradient) in 4-row
  // panels; their right operand (inputs, deltas or batch-major inputs) in column panels.
  const panels = reserve(Math.max(...layers.map(({ paddedOutputs, inputs }) => paddedOutputs * Math.max(inputs, maxBatch))) * FLOAT_BYTES);
  const columnPanels = reserve(Math.max(...layers.map(({ outputs, inputs }) => Math.max(outputs, inputs) * stride)) * FLOAT_BYTES);
  const { memory } = kernels;
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE_BYTES));
  // Views over memory.buffer: valid from here on, because the memory never grows again.
  const buffer = memory.buffer;
  const inputView = new Float32Array(buffer, inputRows, maxBatch * sizes[0]);
  const labelView = new Uint8Array(buffer, labelBytes, maxBatch);
  const correctView = new Int32Array(buffer, correctCount, 1);
  const wasmLayers: WasmLayer[] = layers.map((layer) => ({
    ...layer,
    views: {
      weights: new Float32Array(buffer, layer.weights, layer.outputs * layer.inputs),
      biases: new Float32Array(buffer, layer.biases, layer.outputs),
      mask: new Uint8Array(buffer, layer.mask, layer.outputs * layer.inputs).fill(1),
      weightGradients: new Float32Array(buffer, layer.weightGradients, layer.outputs * layer.inputs),
      biasGradients: new Float32Array(buffer, layer.biasGradients, layer.outputs),
    },
  }));
  const last = wasmLayers[wasmLayers.length - 1];
  let optimizer: OptimizerSettings | undefined;
  let adamStep = 0;

  function layerAt(layer: number): WasmLayer {
    checkLayer(sizes, layer);
    return wasmLayers[layer];
  }

  /** Layer inputs features-major: the transposed input rows for layer 0, else the layer below's activations. */
  function featuresMajorInputs(index: number): number {
    return index === 0 ? inputColumns : wasmLayers[index - 1].activations;
  }

  /** Forward pass of the `count` rows already in the input buffer; logits land in last.activations. */
  function forward(count: number, paddedCount: number): void {
    kernels.transpose(inputRows, sizes[0] * FLOAT_BYTES, count, sizes[0], inputColumns, rowBytes);
    kernels.clearLanes(inputColumns, sizes[0], rowBytes, count, paddedCount);
    wasmLayers.forEach((layer, index) => {
      const inputs = featuresMajorInputs(index);
      if (layer.path === 'sparse') {
        kernels.gatherRows(
          layer.outputs, layer.rowStart, layer.rowIndex, layer.weights, layer.inputs * FLOAT_BYTES, FLOAT_BYTES,
          inputs, layer.activations, rowBytes, paddedCount, layer.biases,
        );
      } else {
        kernels.denseForward(layer.paddedOutputs, layer.inputs, layer.weights, layer.biases, inputs, layer.activations, rowBytes, paddedCount, panels, columnPanels);
      }
      if (layer !== last) kernels.rectify(layer.activations, layer.outputs, rowBytes, paddedCount);
    });
  }

  /** Gradients of the mean loss, from the last layer's deltas (the loss wrote them) down to layer 0. */
  function backward(count: number, paddedCount: number): void {
    for (let index = wasmLayers.length - 1; index >= 0; index--) {
      const layer = wasmLayers[index];
      const inputs = featuresMajorInputs(index);
      if (layer.path === 'sparse') {
        kernels.sparseWeightGradient(
          layer.outputs, layer.rowStart, layer.rowIndex, layer.deltas, inputs, rowBytes, paddedCount, layer.weightGradients, layer.inputs,
        );
      } else {
        if (index > 0) kernels.transpose(inputs, rowBytes, layer.inputs, count, layer.batchInputs, layer.inputs * FLOAT_BYTES);
        kernels.denseWeightGradient(
          layer.paddedOutputs, layer.inputs, count, layer.deltas, layer.batchInputs, inputs, rowBytes, paddedCount, layer.weightGradients, layer.keep, panels, columnPanels,
        );
      }
      kernels.sumRows(layer.deltas, layer.outputs, rowBytes, paddedCount, layer.biasGradients);
      if (index === 0) break;
      const below = wasmLayers[index - 1];
      if (layer.path === 'sparse') {
        kernels.gatherRows(
          layer.inputs, layer.columnStart, layer.columnIndex, layer.weights, FLOAT_BYTES, layer.inputs * FLOAT_BYTES,
          layer.deltas, below.deltas, rowBytes, paddedCount, 0,
        );
      } else {
        kernels.denseInputGradient(layer.paddedInputs, layer.inputs, layer.outputs, layer.weights, layer.deltas, below.deltas, rowBytes, paddedCount, columnPanels);
      }
      // All padded rows too: the dense input gradient leaves garbage there, and the padded activations are 0.
      kernels.gateByActivity(below.deltas, below.activations, below.paddedOutputs, rowBytes, paddedCount);
    }
  }

  function update(settings: OptimizerSettings): void {
    if (settings.kind === 'sgd') {
      const { learningRate, momentum } = settings;
      for (const layer of wasmLayers) {
        if (layer.path === 'sparse') {
          kernels.sgdSparse(
            layer.outputs, layer.inputs, layer.rowStart, layer.rowIndex, layer.weights, layer.weightGradients, layer.weightMoments, learningRate, momentum,
          );
        } else {
          kernels.sgdDense(layer.weights, layer.weightGradients, layer.weightMoments, layer.outputs * layer.inputs, learningRate, momentum);
        }
        kernels.sgdDense(layer.biases, layer.biasGradients, layer.biasMoments, layer.outputs, learningRate, momentum);
      }
      return;
    }
    const { beta1, beta2, epsilon } = settings;
    adamStep++;
    const { stepSize, secondMomentScale } = adamScalars(settings, adamStep);
    for (const layer of wasmLayers) {
      if (layer.path === 'sparse') {
        kernels.adamSparse(
          layer.outputs, layer.inputs, layer.rowStart, layer.rowIndex, layer.weights, layer.weightGradients, layer.weightMoments, layer.weightSquares,
          stepSize, beta1, beta2, secondMomentScale, epsilon,
        );
      } else {
        kernels.adamDense(
          layer.weights, layer.weightGradients, layer.weightMoments, layer.weightSquares, layer.outputs * layer.inputs,
          stepSize, beta1, beta2, secondMomentScale, epsilon,
        );
      }
      kernels.adamDense(layer.biases, layer.biasGradients, layer.biasMoments, layer.biasSquares, layer.outputs, stepSize, beta1, beta2, secondMomentScale, epsilon);
    }
  }

  const network: WasmMlpNetwork = {
    layerSizes: sizes,
    maxBatch,

    weights: (layer) => layerAt(layer).views.weights,
    biases: (layer) => layerAt(layer).views.biases,
    mask: (layer) => layerAt(layer).views.mask,
    weightGradients: (layer) => layerAt(layer).views.weightGradients,
    biasGradients: (layer) => layerAt(layer).views.biasGradients,
    layerPaths: () => wasmLayers.map((layer) => layer.path),

    masksChanged() {
      // Every mask is checked before any layer changes.
      wasmLayers.forEach((layer, index) => checkMaskValues(layer.views.mask, index));
      for (const layer of wasmLayers) {
        const { outputs, inputs } = layer;
        const kept = kernels.applyMask(layer.mask, outputs * inputs, layer.weights, layer.weightGradients, layer.weightMoments, layer.weightSquares, layer.keep);
        kernels.buildRowLists(layer.mask, outputs, inputs, layer.rowStart, layer.rowIndex);
        kernels.buildColumnLists(layer.mask, outputs, inputs, layer.columnStart, layer.columnIndex);
        layer.path = kept < sparseBelowDensity * outputs * inputs ? 'sparse' : 'dense';
      }
    },

    setOptimizer(settings) {
      checkOptimizer(settings);
      // Moments of one kind mean nothing to the other; a new learning rate keeps them.
      if (optimizer && optimizer.kind !== settings.kind) network.resetOptimizerState();
      optimizer = { ...settings };
    },

    resetOptimizerState() {
      for (const layer of wasmLayers) {
        new Float32Array(buffer, layer.weightMoments, layer.outputs * layer.inputs).fill(0);
        new Float32Array(buffer, layer.weightSquares, layer.outputs * layer.inputs).fill(0);
        new Float32Array(buffer, layer.biasMoments, layer.outputs).fill(0);
        new Float32Array(buffer, layer.biasSquares, layer.outputs).fill(0);
      }
      adamStep = 0;
    },

    computeGradients(inputs, labels, count) {
      checkBatch(sizes, inputs, labels, count, maxBatch);
      inputView.set(inputs);
      labelView.set(labels);
      const paddedCount = roundUp(count, SAMPLE_PADDING);
      forward(count, paddedCount);
      const lossSum = kernels.softmaxCrossEntropy(last.activations, last.outputs, rowBytes, count, paddedCount, labelBytes, last.deltas, 1 / count, correctCount);
      backward(count, paddedCount);
      return lossSum / count;
    },

    applyUpdate() {
      if (!optimizer) throw new Error('mlp network: applyUpdate before setOptimizer');
      update(optimizer);
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
        inputView.set(inputs.subarray(start * width, (start + rows) * width));
        labelView.set(labels.subarray(start, start + rows));
        const paddedCount = roundUp(rows, SAMPLE_PADDING);
        forward(rows, paddedCount);
        lossSum += kernels.softmaxCrossEntropy(last.activations, last.outputs, rowBytes, rows, paddedCount, labelBytes, 0, 0, correctCount);
        correct += correctView[0];
      }
      return { lossSum, correct, count };
    },
  };
  network.masksChanged();
  return network;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
