// Teacher-student file -> Experiment: defaults filled (from the schema), every sweepable
// parameter as a list of distinct values in file order, pruningRatio turned into
// nonzerosPerNeuron, "auto" step size turned into K.
import { adaptiveOf } from './adaptive/coarseSamples';
import { axisEntries, withDefaults } from './defaults';
import type { ExperimentFile } from './schema';
import { SWEEP_AXES, type ConvexRegionSettings, type Experiment, type SweepAxis } from './types';

/** Values in first-seen order without repeats: a repeated value would be the same cell twice. */
function distinct(values: number[]): number[] {
  return [...new Set(values)];
}

/** `name` is the experiment's name when the file gives none. Throws when both nonzerosPerNeuron and pruningRatio are given. */
export function resolveTeacherStudent(file: ExperimentFile, name: string): Experiment {
  if (file.teacher?.nonzerosPerNeuron !== undefined && file.teacher?.pruningRatio !== undefined) {
    throw new Error(`${name}: teacher: give nonzerosPerNeuron or pruningRatio, not both`);
  }
  const filled = withDefaults(file);
  const { teacher, student, training, evaluation } = filled;
  const axes = Object.fromEntries(SWEEP_AXES.map((axis) => [axis, distinct(axisEntries(filled, axis).map((entry) => entry.value))])) as Record<SweepAxis, number[]>;
  return {
    kind: filled.kind,
    name: filled.name ?? name,
    ...(filled.description === undefined ? {} : { description: filled.description }),
    seed: filled.seed,
    inputDim: teacher.inputDim,
    hiddenUnits: teacher.hiddenUnits,
    teacherWeights: teacher.weights,
    studentMask: student.mask,
    ...(student.mask === 'magnitude' ? { magnitudePruning: { steps: student.pruning.steps, retrainFrom: student.pruning.retrainFrom } } : {}),
    axes,
    trials: filled.trials,
    ...adaptiveOf(filled.samples),
    init: training.init,
    stepSize: training.stepSize === 'auto' ? teacher.hiddenUnits : training.stepSize,
    maxIterations: training.maxIterations,
    tolerance: training.tolerance,
    batch: training.batch,
    // "auto" is left out, so that a file without the setting hashes as before it existed (resumes).
    ...(training.splitBlocks === 'auto' ? {} : { splitBlocks: training.splitBlocks }),
    curvePoints: training.curvePoints,
    testSamples: evaluation.testSamples,
    successThreshold: evaluation.successThreshold,
    ...(filled.analysis?.convexRegion === undefined ? {} : { convexRegion: filled.analysis.convexRegion as ConvexRegionSettings }),
  };
}
