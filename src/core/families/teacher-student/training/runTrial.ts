// One whole trial (what a sweep worker runs): teacher, mask and data from the trial seed,
// initialization, heavy-ball descent, and the measurements of paper.md §3. Deterministic: the
// same spec gives bit-identical metrics (except `seconds`) on the same kernel.
import type { TrialMetrics, TrialSpec } from '../types';
import { forwardInChunks } from '../kernels/forwardInChunks';
import { selectKernel } from '../kernels/kernelSelection';
import type { SparseKernel } from '../kernels/sparseKernel';
import { convergenceRate, firstIterationAtOrBelow } from '../metrics/convergence';
import { downsampleCurve } from '../metrics/errorCurve';
import { estimateGeneralizationError } from '../metrics/generalization';
import { alignTeacherToMask, permutationRelativeError } from '../metrics/weightError';
import { GaussianInputSource } from '../model/gaussianInputs';
import { drawnTestBlocks, keptTestBlocks, keptTestSet } from '../model/sharedTestSet';
import { usedColumns, type SparseRows, type SparsityPattern } from '../model/sparseRows';
import { buildStudentMask } from '../model/studentMask';
import { generateTeacher } from '../model/teacher';
import { trialStream } from '../../../random/trialStreams';
import { createBatchSchedule, planBatches } from './batchSchedule';
import { heavyBallDescent } from './heavyBall';
import { initialWeights } from './initialization/initialWeights';
import { checkTrialSpec } from './trialSpecChecks';

/** Samples per forward pass outside the descent (labels, test set, final loss): bounds scratch memory. */
const CHUNK_CAPACITY = 2048;

/** Runs one trial on this thread's kernel (WASM when it can be instantiated). */
export function runTrial(spec: TrialSpec): TrialMetrics {
  return runTrialWithKernel(spec, selectKernel().kernel);
}

/** The networks at the end of a trial, in kernel memory: read them before the next trial reuses it. */
export interface FinalNetworks {
  teacher: SparseRows;
  mask: SparsityPattern;
  /** The student's values on the mask's entries. */
  weights: Float64Array;
}

/**
 * The same on a given kernel (tests compare kernels; results differ between kernels by rounding
 * only). `inspect` sees the final networks (the trial view's weights; records keep none).
 */
export function runTrialWithKernel(spec: TrialSpec, kernel: SparseKernel, inspect?: (networks: FinalNetworks) => void): TrialMetrics {
  const started = performance.now();
  checkTrialSpec(spec);
  const { seed, inputDim, hiddenUnits, samples, testSamples } = spec;
  const teacher = generateTeacher(
    { inputDim, hiddenUnits, nonzerosPerNeuron: spec.nonzerosPerNeuron, weights: spec.teacherWeights },
    trialStream(seed, 'teacher'),
  );
  const mask = buildStudentMask(teacher, spec, trialStream(seed, 'mask'));
  const alignment = alignTeacherToMask(teacher, mask);
  const entries = mask.rowStart[hiddenUnits];
  let largestMaskRow = 0;
  for (let row = 0; row < hiddenUnits; row++) largestMaskRow = Math.max(largestMaskRow, mask.rowStart[row + 1] - mask.rowStart[row]);
  const plan = planBatches(spec.batch, samples, largestMaskRow);
  const gatherCapacity = plan.kind === 'mini' ? plan.capacity : 0;
  const chunkCapacity = Math.min(CHUNK_CAPACITY, Math.max(samples, testSamples));
  const testSet = keptTestSet(spec.testSetSeed, testSamples, inputDim, kernel);

  // Every buffer the kernel reads, reserved at once (see kernelBuffers.ts).
  const buffers = kernel.allocate({
    inputs: { float64: inputDim * samples },
    labels: { float64: samples },
    trainOutputs: { float64: samples },
    teacherRowStart: teacher.rowStart,
    teacherColumns: teacher.columnIndex,
    teacherValues: teacher.values,
    maskRowStart: mask.rowStart,
    maskColumns: mask.columnIndex,
    weights: { float64: entries },
    previousWeights: { float64: entries },
    gradient: { float64: entries },
    teacherOnMask: alignment.teacherOnMask,
    errorHistory: { float64: spec.maxIterations + 1 },
    preactivations: { float64: hiddenUnits * plan.capacity },
    residuals: { float64: plan.capacity },
    batchInputs: { float64: inputDim * gatherCapacity },
    batchLabels: { float64: gatherCapacity },
    // The shared test matrix stays in kernel memory across trials; a test set too large to keep is drawn per chunk.
    testInputs: testSet ?? { float64: 0 },
    chunkInputs: { float64: testSet ? 0 : inputDim * chunkCapacity },
    chunkPreactivations: { float64: hiddenUnits * chunkCapacity },
    studentOutputs: { float64: chunkCapacity },
    teacherOutputs: { float64: chunkCapacity },
  });
  const teacherRows: SparseRows = { ...teacher, rowStart: buffers.teacherRowStart, columnIndex: buffers.teacherColumns, values: buffers.teacherValues };
  const studentMask: SparsityPattern = { ...mask, rowStart: buffers.maskRowStart, columnIndex: buffers.maskColumns };
  // Features neither network reads never influence anything: they are not drawn (rows stay 0).
  const usedFeatures = usedColumns(teacher, mask);

  const { inputs, labels } = buffers;
  new GaussianInputSource(seed, 'train-inputs', usedFeatures, kernel).drawNext(inputs, samples, samples);
  forwardInChunks(kernel, teacherRows, teacherRows.values, inputs, samples, buffers.chunkPreactivations, chunkCapacity, labels);
  if (spec.noiseStd > 0) {
    const noise = trialStream(seed, 'train-noise');
    for (let sample = 0; sample < samples; sample++) labels[sample] += spec.noiseStd * noise.nextGaussian();
  }

  buffers.weights.set(initialWeights(spec, { mask, alignment, inputs, labels }));
  const initialRelativeError = permutationRelativeError(mask, buffers.weights, teacher);

  const schedule = createBatchSchedule(
    plan,
    { inputs, labels, samples },
    { inputs: buffers.batchInputs, labels: buffers.batchLabels },
    usedColumns(mask),
    trialStream(seed, 'batches'),
  );
  const { iterations, errorHistory } = heavyBallDescent(
    {
      kernel,
      buffers: {
        pattern: studentMask,
        weights: buffers.weights,
        previousWeights: buffers.previousWeights,
        gradient: buffers.gradient,
        scratch: { preactivations: buffers.preactivations, residuals: buffers.residuals },
        teacherOnMask: buffers.teacherOnMask,
        errorHistory: buffers.errorHistory,
      },
      schedule,
      alignment,
    },
    spec,
  );

  forwardInChunks(kernel, studentMask, buffers.weights, inputs, samples, buffers.chunkPreactivations, chunkCapacity, buffers.trainOutputs);
  let squaredResidualSum = 0;
  for (let sample = 0; sample < samples; sample++) squaredResidualSum += (buffers.trainOutputs[sample] - labels[sample]) ** 2;
  const generalization = estimateGeneralizationError(
    kernel,
    { pattern: studentMask, values: buffers.weights },
    teacherRows,
    testSet ? keptTestBlocks(buffers.testInputs, testSamples) : drawnTestBlocks(spec.testSetSeed, usedFeatures, buffers.chunkInputs, chunkCapacity, kernel),
    testSamples,
    {
      preactivations: buffers.chunkPreactivations,
      studentOutputs: buffers.studentOutputs,
      teacherOutputs: buffers.teacherOutputs,
      chunkCapacity,
    },
  );
  const relativeError = permutationRelativeError(mask, buffers.weights, teacher);
  inspect?.({ teacher: teacherRows, mask: studentMask, weights: buffers.weights });

  return {
    relativeError,
    initialRelativeError,
    generalizationError: generalization.generalizationError,
    relativeGeneralizationError: generalization.relativeGeneralizationError,
    success: relativeError < spec.successThreshold,
    iterations,
    convergenceRate: convergenceRate(errorHistory, iterations),
    iterationsTo1e3: firstIterationAtOrBelow(errorHistory, iterations, 1e-3),
    iterationsTo1e6: firstIterationAtOrBelow(errorHistory, iterations, 1e-6),
    trainLoss: squaredResidualSum / (2 * samples),
    seconds: (performance.now() - started) / 1000,
    curve: downsampleCurve(errorHistory, iterations, spec.curvePoints),
  };
}
