// Experiment file -> Experiment: defaults filled (from the schema), every sweepable parameter as
// a list of distinct values in file order, pruningRatio turned into nonzerosPerNeuron, "auto"
// step size turned into K, and the name defaulting to the file's name.
import { SWEEP_AXES, type Experiment, type SweepAxis } from '../families/teacher-student/types';
import { axisEntries, withDefaults } from '../families/teacher-student/defaults';
import type { ExperimentFile } from '../families/teacher-student/schema';

/** "runs/phase-transition.lth.json" -> "phase-transition" (also strips a plain .json). */
export function experimentNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const name = base.replace(/\.lth\.json$/i, '').replace(/\.json$/i, '');
  return name === '' ? 'experiment' : name;
}

/** Values in first-seen order without repeats: a repeated value would be the same cell twice. */
function distinct(values: number[]): number[] {
  return [...new Set(values)];
}

/**
 * Resolves a schema-valid experiment file (see validateExperiment / parseExperimentText for
 * the checks). Throws when both nonzerosPerNeuron and pruningRatio are given.
 */
export function resolveExperiment(file: ExperimentFile, fileName: string): Experiment {
  if (file.teacher?.nonzerosPerNeuron !== undefined && file.teacher?.pruningRatio !== undefined) {
    throw new Error(`${fileName}: teacher: give nonzerosPerNeuron or pruningRatio, not both`);
  }
  const filled = withDefaults(file);
  const { teacher, student, training, evaluation } = filled;
  const axes = Object.fromEntries(SWEEP_AXES.map((axis) => [axis, distinct(axisEntries(filled, axis).map((entry) => entry.value))])) as Record<SweepAxis, number[]>;
  return {
    kind: filled.kind,
    name: filled.name ?? experimentNameFromFileName(fileName),
    ...(filled.description === undefined ? {} : { description: filled.description }),
    seed: filled.seed,
    inputDim: teacher.inputDim,
    hiddenUnits: teacher.hiddenUnits,
    teacherWeights: teacher.weights,
    studentMask: student.mask,
    axes,
    trials: filled.trials,
    init: training.init,
    stepSize: training.stepSize === 'auto' ? teacher.hiddenUnits : training.stepSize,
    maxIterations: training.maxIterations,
    tolerance: training.tolerance,
    batch: training.batch,
    curvePoints: training.curvePoints,
    testSamples: evaluation.testSamples,
    successThreshold: evaluation.successThreshold,
  };
}
