// A trial with student.mask "magnitude": does magnitude pruning find the teacher's mask (the
// link the paper draws between its oracle-mask theory and lottery tickets)? On the trial's one
// teacher and data set:
//   1. the dense student is trained (exactly a "dense" trial of the same cell);
//   2. each row is pruned to its r + extra - missing largest weights, in one round or in
//      `steps` rounds, each followed by a training that starts from the dense student's W(0)
//      on the mask (retrainFrom "initial", rewinding) or from where the last one ended ("trained");
//   3. the oracle, the student on the teacher's support, is trained (exactly an "accurate" trial).
// The record is the found mask's training with the mask's precision and recall and the two
// other trainings' errors beside it, so one run charts oracle vs found vs dense on the same
// teachers and data. Deterministic: every training draws from the trial seed's streams.
import type { SparseKernel } from '../kernels/sparseKernel';
import { maskRecovery } from '../metrics/maskRecovery';
import { NeuronMatcher } from '../metrics/neuronMatching';
import { keepLargestPerRow, keptPerRound, moveRows } from '../model/magnitudeMask';
import { gatherOnPattern, toDense, type SparseRows, type SparsityPattern } from '../model/sparseRows';
import type { MagnitudeMetrics, TrainingSummary, TrialMetrics, TrialSpec } from '../types';
import { checkTrialSpec } from './trialSpecChecks';

/** A mask (rows aligned with the teacher's) and W(0) on it, given to a training instead of built from the spec. */
export interface StudentStart {
  mask: SparsityPattern;
  initialWeights: Float64Array;
}

/** One finished training, its weights copied out of kernel memory. */
export interface TrainedStudent {
  metrics: TrialMetrics;
  teacher: SparseRows;
  mask: SparsityPattern;
  initialWeights: Float64Array;
  finalWeights: Float64Array;
}

export type TrainStudent = (spec: TrialSpec, kernel: SparseKernel, start?: StudentStart) => TrainedStudent;

/** The three trainings of a magnitude-pruning trial. */
export interface MagnitudeTrainings {
  /** The dense student, as trained. */
  dense: TrainedStudent;
  /** Its final weights (K × d, row-major) with the rows put in the teacher's order. */
  denseInTeacherOrder: Float64Array;
  /** The last round's training on the mask magnitude pruning found (rows in the teacher's order). */
  found: TrainedStudent;
  /** The student on the teacher's support. */
  oracle: TrainedStudent;
}

/** `train` is runTrial.ts's trainStudent (passed in, so the two files do not import each other). */
export function runMagnitudeTrial(spec: TrialSpec, kernel: SparseKernel, train: TrainStudent): TrialMetrics & MagnitudeMetrics {
  const started = performance.now();
  const { dense, found, oracle } = trainMagnitudeStudents(spec, kernel, train);
  const recovery = maskRecovery(found.mask, found.teacher);
  return {
    ...found.metrics,
    seconds: (performance.now() - started) / 1000,
    maskPrecision: recovery.precision,
    maskRecall: recovery.recall,
    densePhase: summarizeTraining(dense.metrics),
    oracleMask: summarizeTraining(oracle.metrics),
  };
}

/** The trial's trainings, with their weights (the record keeps only their metrics; the trial view shows the weights). */
export function trainMagnitudeStudents(spec: TrialSpec, kernel: SparseKernel, train: TrainStudent): MagnitudeTrainings {
  checkTrialSpec(spec);
  const { magnitudePruning, ...shared } = spec;
  if (!magnitudePruning) throw new RangeError('runMagnitudeTrial: the spec has no magnitudePruning settings');
  const { inputDim } = spec;

  const dense = train({ ...shared, studentMask: 'dense', extraPerNeuron: 0, missingPerNeuron: 0 }, kernel);
  // The dense student learns W* up to a permutation of its neurons: its rows are put in the
  // teacher's order, so that found-mask row j faces teacher row j (the network is unchanged:
  // its neurons are summed with equal weights) and the error curve compares like with like.
  const { teacherRowOf } = new NeuronMatcher(dense.teacher, dense.mask).match(dense.finalWeights);
  const initialDense = moveRows(toDense(dense.mask, dense.initialWeights), inputDim, teacherRowOf);
  const denseInTeacherOrder = moveRows(toDense(dense.mask, dense.finalWeights), inputDim, teacherRowOf);

  const accurate: TrialSpec = { ...shared, studentMask: 'accurate' };
  let mask: SparsityPattern = dense.mask;
  let trained = denseInTeacherOrder;
  let found: TrainedStudent | undefined;
  for (const kept of keptPerRound(inputDim, spec.nonzerosPerNeuron + spec.extraPerNeuron - spec.missingPerNeuron, magnitudePruning.steps)) {
    mask = keepLargestPerRow(mask, trained, kept);
    const start = magnitudePruning.retrainFrom === 'initial' ? initialDense : trained;
    found = train(accurate, kernel, { mask, initialWeights: gatherOnPattern(mask, start) });
    trained = toDense(found.mask, found.finalWeights);
  }
  if (!found) throw new RangeError('runMagnitudeTrial: no pruning round ran');
  return { dense, denseInTeacherOrder, found, oracle: train(accurate, kernel) };
}

function summarizeTraining(metrics: TrialMetrics): TrainingSummary {
  const { relativeError, initialRelativeError, generalizationError, relativeGeneralizationError, success, iterations, trainLoss, seconds } = metrics;
  return { relativeError, initialRelativeError, generalizationError, relativeGeneralizationError, success, iterations, trainLoss, seconds };
}
