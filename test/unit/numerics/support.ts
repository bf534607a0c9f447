// Shared fixtures of the numerics tests (not a test file itself).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TrialSpec } from '../../../src/core/families/teacher-student/types';
import type { SparseKernel } from '../../../src/core/families/teacher-student/kernels/sparseKernel';
import { GaussianInputSource } from '../../../src/core/families/teacher-student/model/gaussianInputs';
import { range } from '../../../src/core/random/chooseDistinct';
import { toDense, type SparsityPattern } from '../../../src/core/families/teacher-student/model/sparseRows';

export { toDense };
import { generateTeacher } from '../../../src/core/families/teacher-student/model/teacher';
import { buildStudentMask } from '../../../src/core/families/teacher-student/model/studentMask';
import { trialStream } from '../../../src/core/random/trialStreams';

/** Builds the WASM module if it is missing or stale (a no-op in ~0.2 s when up to date). */
export function ensureWasmBuilt(): void {
  execFileSync(process.execPath, [resolve(__dirname, '../../../scripts/build-wasm.mjs')], { stdio: 'pipe' });
}

/** A small, fast trial: near init, noiseless, full batch. */
export function smallSpec(overrides: Partial<TrialSpec> = {}): TrialSpec {
  return {
    seed: 1,
    testSetSeed: 2,
    inputDim: 20,
    hiddenUnits: 3,
    nonzerosPerNeuron: 5,
    teacherWeights: 'unit-gaussian',
    noiseStd: 0,
    studentMask: 'accurate',
    extraPerNeuron: 0,
    missingPerNeuron: 0,
    samples: 300,
    init: 'near',
    initDistance: 0.3,
    stepSize: 3,
    momentum: 0.5,
    maxIterations: 1000,
    tolerance: 1e-12,
    batch: 'full',
    curvePoints: 20,
    testSamples: 2000,
    successThreshold: 1e-3,
    ...overrides,
  };
}

export interface KernelProblem {
  mask: SparsityPattern;
  values: Float64Array;
  inputs: Float64Array;
  labels: Float64Array;
  preactivations: Float64Array;
  residuals: Float64Array;
  gradient: Float64Array;
  previousWeights: Float64Array;
  teacherOnMask: Float64Array;
  errorHistory: Float64Array;
  samples: number;
}

/** Iterations a KernelProblem's errorHistory has room for (plus the initial error). */
export const DESCENT_HISTORY = 65;

/**
 * A mask built from a teacher support with one position missing and two extra (so rows are not
 * a multiple of the kernels' four-entry blocks), Gaussian inputs, and random weights and labels
 * (so residuals and gradients are generic) — all in the kernel's memory.
 */
export function kernelProblem(kernel: SparseKernel, options: { inputDim: number; hiddenUnits: number; nonzeros: number; samples: number; seed: number }): KernelProblem {
  const { inputDim, hiddenUnits, nonzeros, samples, seed } = options;
  const teacher = generateTeacher({ inputDim, hiddenUnits, nonzerosPerNeuron: nonzeros, weights: 'gaussian' }, trialStream(seed, 'teacher'));
  const mask = buildStudentMask(teacher, { studentMask: 'accurate', extraPerNeuron: 2, missingPerNeuron: 1 }, trialStream(seed, 'mask'));
  const entries = mask.columnIndex.length;
  const random = trialStream(seed, 'init');
  const initialValues = new Float64Array(entries);
  random.fillGaussian(initialValues, 0, entries);
  const labelValues = new Float64Array(samples);
  random.fillGaussian(labelValues, 0, samples, 0.5);
  const buffers = kernel.allocate({
    rowStart: mask.rowStart,
    columnIndex: mask.columnIndex,
    values: initialValues,
    inputs: { float64: inputDim * samples },
    labels: labelValues,
    preactivations: { float64: hiddenUnits * samples },
    residuals: { float64: samples },
    gradient: { float64: entries },
    // For descend(): W(t-1), a stand-in teacher on the mask, and room for 64 iterations' errors.
    previousWeights: initialValues,
    teacherOnMask: labelValues.subarray(0, entries),
    errorHistory: { float64: DESCENT_HISTORY },
  });
  new GaussianInputSource(seed, 'train-inputs', range(inputDim)).drawNext(buffers.inputs, samples, samples);
  return {
    mask: { ...mask, rowStart: buffers.rowStart, columnIndex: buffers.columnIndex },
    values: buffers.values,
    inputs: buffers.inputs,
    labels: buffers.labels,
    preactivations: buffers.preactivations,
    residuals: buffers.residuals,
    gradient: buffers.gradient,
    previousWeights: buffers.previousWeights,
    teacherOnMask: buffers.teacherOnMask,
    errorHistory: buffers.errorHistory,
    samples,
  };
}

