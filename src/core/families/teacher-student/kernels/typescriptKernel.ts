// The sparse step in plain TypeScript: the reference the WASM kernel is tested against, and the
// fallback when WebAssembly cannot be instantiated. Cost O(count · nnz) per call, no allocation.
// Loop order follows the features-major layout: the inner loops run over samples, reading one
// contiguous feature row per mask entry; four entries share each pass over a row (2x faster in
// V8 than one, and the same summation order as the WASM kernel's forward).
import type { SparsityPattern } from '../model/sparseRows';
import { allocateSeparately, type BufferRequest, type Buffers } from './kernelBuffers';
import {
  checkDescentArguments,
  checkStepArguments,
  DIVERGENCE_LIMIT,
  type DescentBuffers,
  type DescentData,
  type DescentProgress,
  type DescentSettings,
  type SampleBlock,
  type SparseKernel,
  type StepScratch,
} from './sparseKernel';

/** z_jn for every row j into preactivations (row j at j*count). */
function computePreactivations(pattern: SparsityPattern, values: Float64Array, block: SampleBlock, preactivations: Float64Array): void {
  const { inputs, stride, start, count } = block;
  const { rowStart, columnIndex } = pattern;
  for (let row = 0; row < pattern.rowCount; row++) {
    const rowOffset = row * count;
    preactivations.fill(0, rowOffset, rowOffset + count);
    let entry = rowStart[row];
    const entryEnd = rowStart[row + 1];
    for (; entry + 3 < entryEnd; entry += 4) {
      const weight0 = values[entry];
      const weight1 = values[entry + 1];
      const weight2 = values[entry + 2];
      const weight3 = values[entry + 3];
      const feature0 = columnIndex[entry] * stride + start;
      const feature1 = columnIndex[entry + 1] * stride + start;
      const feature2 = columnIndex[entry + 2] * stride + start;
      const feature3 = columnIndex[entry + 3] * stride + start;
      for (let sample = 0; sample < count; sample++) {
        let sum = preactivations[rowOffset + sample];
        sum += weight0 * inputs[feature0 + sample];
        sum += weight1 * inputs[feature1 + sample];
        sum += weight2 * inputs[feature2 + sample];
        sum += weight3 * inputs[feature3 + sample];
        preactivations[rowOffset + sample] = sum;
      }
    }
    for (; entry < entryEnd; entry++) {
      const weight = values[entry];
      const feature = columnIndex[entry] * stride + start;
      for (let sample = 0; sample < count; sample++) preactivations[rowOffset + sample] += weight * inputs[feature + sample];
    }
  }
}

/** outputs_n = (1/K) sum_j relu(z_jn). */
function computeOutputs(rowCount: number, count: number, preactivations: Float64Array, outputs: Float64Array): void {
  outputs.fill(0, 0, count);
  for (let row = 0; row < rowCount; row++) {
    const rowOffset = row * count;
    for (let sample = 0; sample < count; sample++) {
      const preactivation = preactivations[rowOffset + sample];
      if (preactivation > 0) outputs[sample] += preactivation;
    }
  }
  const secondLayerWeight = 1 / rowCount;
  for (let sample = 0; sample < count; sample++) outputs[sample] *= secondLayerWeight;
}

/** gradient[entry] = scale · sum_n masked_n x_{column(entry), n} for the entries of one row. */
function accumulateRowGradient(
  pattern: SparsityPattern,
  row: number,
  block: SampleBlock,
  masked: Float64Array,
  maskedOffset: number,
  scale: number,
  gradient: Float64Array,
): void {
  const { inputs, stride, start, count } = block;
  const { rowStart, columnIndex } = pattern;
  let entry = rowStart[row];
  const entryEnd = rowStart[row + 1];
  for (; entry + 3 < entryEnd; entry += 4) {
    const feature0 = columnIndex[entry] * stride + start;
    const feature1 = columnIndex[entry + 1] * stride + start;
    const feature2 = columnIndex[entry + 2] * stride + start;
    const feature3 = columnIndex[entry + 3] * stride + start;
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    for (let sample = 0; sample < count; sample++) {
      const residual = masked[maskedOffset + sample];
      sum0 += residual * inputs[feature0 + sample];
      sum1 += residual * inputs[feature1 + sample];
      sum2 += residual * inputs[feature2 + sample];
      sum3 += residual * inputs[feature3 + sample];
    }
    gradient[entry] = scale * sum0;
    gradient[entry + 1] = scale * sum1;
    gradient[entry + 2] = scale * sum2;
    gradient[entry + 3] = scale * sum3;
  }
  for (; entry < entryEnd; entry++) {
    const feature = columnIndex[entry] * stride + start;
    let sum = 0;
    for (let sample = 0; sample < count; sample++) sum += masked[maskedOffset + sample] * inputs[feature + sample];
    gradient[entry] = scale * sum;
  }
}

/** The loss and masked gradient of one block (lossAndGradient without the argument checks). */
function blockLossAndGradient(
  pattern: SparsityPattern,
  values: Float64Array,
  block: SampleBlock,
  labels: Float64Array,
  scratch: StepScratch,
  gradient: Float64Array,
): number {
  const { start, count } = block;
  const { preactivations, residuals } = scratch;
  computePreactivations(pattern, values, block, preactivations);
  computeOutputs(pattern.rowCount, count, preactivations, residuals);
  let squaredResidualSum = 0;
  for (let sample = 0; sample < count; sample++) {
    const residual = residuals[sample] - labels[start + sample];
    residuals[sample] = residual;
    squaredResidualSum += residual * residual;
  }
  const gradientScale = 1 / (count * pattern.rowCount);
  for (let row = 0; row < pattern.rowCount; row++) {
    const rowOffset = row * count;
    // The preactivation row is no longer needed: reuse it for res_n · 1[z_jn > 0].
    for (let sample = 0; sample < count; sample++) {
      preactivations[rowOffset + sample] = preactivations[rowOffset + sample] > 0 ? residuals[sample] : 0;
    }
    accumulateRowGradient(pattern, row, block, preactivations, rowOffset, gradientScale, gradient);
  }
  return squaredResidualSum / (2 * count);
}

/** The heavy-ball loop of SparseKernel.descend; assembly/heavyBall.ts is the same loop in WASM. */
function descend(buffers: DescentBuffers, data: DescentData, settings: DescentSettings, fromIteration: number, toIteration: number): DescentProgress {
  checkDescentArguments(buffers, data, fromIteration, toIteration);
  const { pattern, weights, previousWeights, gradient, scratch, teacherOnMask, errorHistory } = buffers;
  const { inputs, stride, labels, blockCount } = data;
  const { stepSize, momentum, tolerance, offMaskSquaredNorm, teacherSquaredNorm } = settings;
  const entries = pattern.rowStart[pattern.rowCount];
  const block: SampleBlock = { inputs, stride, start: 0, count: 0 };
  let blockIndex = fromIteration % blockCount;
  let iteration = fromIteration;
  while (iteration < toIteration) {
    block.start = Math.floor((blockIndex * stride) / blockCount);
    block.count = Math.floor(((blockIndex + 1) * stride) / blockCount) - block.start;
    blockIndex = blockIndex + 1 === blockCount ? 0 : blockIndex + 1;
    blockLossAndGradient(pattern, weights, block, labels, scratch, gradient);
    let squaredStep = 0;
    let squaredWeightNorm = 0;
    let squaredDistance = offMaskSquaredNorm;
    for (let entry = 0; entry < entries; entry++) {
      const current = weights[entry];
      const next = current - stepSize * gradient[entry] + momentum * (current - previousWeights[entry]);
      previousWeights[entry] = current;
      weights[entry] = next;
      const step = next - current;
      squaredStep += step * step;
      squaredWeightNorm += current * current;
      const difference = next - teacherOnMask[entry];
      squaredDistance += difference * difference;
    }
    iteration++;
    const relativeError = Math.sqrt(squaredDistance / teacherSquaredNorm);
    errorHistory[iteration] = relativeError;
    if (!(relativeError < DIVERGENCE_LIMIT) || squaredStep <= tolerance * tolerance * squaredWeightNorm) return { iterations: iteration, stopped: true };
  }
  return { iterations: iteration, stopped: false };
}

/** The kept buffers (kernelBuffers.ts) of this thread's last allocate(). */
const keptBuffers = new Map<string, Float64Array>();

export const typescriptKernel: SparseKernel = {
  name: 'typescript',

  allocate<Request extends BufferRequest>(request: Request): Buffers<Request> {
    return allocateSeparately(request, keptBuffers);
  },

  forward(pattern, values, block, preactivations, outputs) {
    checkStepArguments(pattern, values, block, preactivations, outputs);
    computePreactivations(pattern, values, block, preactivations);
    computeOutputs(pattern.rowCount, block.count, preactivations, outputs);
  },

  lossAndGradient(pattern, values, block, labels, scratch: StepScratch, gradient) {
    checkStepArguments(pattern, values, block, scratch.preactivations, scratch.residuals, labels, gradient);
    return blockLossAndGradient(pattern, values, block, labels, scratch, gradient);
  },

  descend,

  fillGaussian(stream, target, offset, count) {
    stream.fillGaussian(target, offset, count);
  },
};
