// One cell and trial of an experiment -> everything a training needs (what a worker receives).
import { SWEEP_AXES, type Experiment, type SweepCell, type TrialSpec } from './types';
import { cellKey } from '../../sweep/sweepCells';
import { trialSeed } from '../../sweep/trialSeed';

/** The pruning ratio of a cell: 1 - r/d. */
export function pruningRatioOf(experiment: Experiment, cell: SweepCell): number {
  return 1 - cell.nonzerosPerNeuron / experiment.inputDim;
}

/** Hashed like a cell key, but no cell key has this form, so the test set's seed is its own. */
const TEST_SET_KEY = 'test-set';

export function trialSpec(experiment: Experiment, cell: SweepCell, trial: number): TrialSpec {
  return {
    seed: trialSeed(experiment.seed, cellKey(SWEEP_AXES, cell), trial),
    testSetSeed: trialSeed(experiment.seed, TEST_SET_KEY, 0),
    inputDim: experiment.inputDim,
    hiddenUnits: experiment.hiddenUnits,
    nonzerosPerNeuron: cell.nonzerosPerNeuron,
    teacherWeights: experiment.teacherWeights,
    noiseStd: cell.noiseStd,
    studentMask: experiment.studentMask,
    ...(experiment.magnitudePruning ? { magnitudePruning: experiment.magnitudePruning } : {}),
    extraPerNeuron: cell.extraPerNeuron,
    missingPerNeuron: cell.missingPerNeuron,
    samples: cell.samples,
    init: experiment.init,
    initDistance: cell.initDistance,
    stepSize: experiment.stepSize,
    momentum: cell.momentum,
    maxIterations: experiment.maxIterations,
    tolerance: experiment.tolerance,
    batch: experiment.batch,
    ...(experiment.splitBlocks === undefined ? {} : { splitBlocks: experiment.splitBlocks }),
    curvePoints: experiment.curvePoints,
    testSamples: experiment.testSamples,
    successThreshold: experiment.successThreshold,
    ...(experiment.convexRegion === undefined ? {} : { convexRegion: experiment.convexRegion }),
  };
}
