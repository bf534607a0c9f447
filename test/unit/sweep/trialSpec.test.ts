import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellKey, expandCells } from '../../../src/core/sweep/sweepCells';
import { pruningRatioOf, trialSpec } from '../../../src/core/families/teacher-student/trialSpec';
import { trialSeed } from '../../../src/core/sweep/trialSeed';
import { SWEEP_AXES, type SweepCell } from '../../../src/core/families/teacher-student/types';
import { sweepExperiment } from './experimentFixture';

describe('trialSpec', () => {
  it('takes swept values from the cell and the rest from the experiment', () => {
    const experiment = sweepExperiment();
    const cell = expandCells(SWEEP_AXES, experiment)[5] as SweepCell;
    const spec = trialSpec(experiment, cell, 3);
    assert.equal(spec.samples, cell.samples);
    assert.equal(spec.nonzerosPerNeuron, cell.nonzerosPerNeuron);
    assert.equal(spec.momentum, cell.momentum);
    assert.equal(spec.inputDim, experiment.inputDim);
    assert.equal(spec.stepSize, experiment.stepSize);
    assert.equal(spec.seed, trialSeed(experiment.seed, cellKey(SWEEP_AXES, cell), 3));
  });
});

describe('pruningRatioOf', () => {
  it('is 1 - r/d', () => {
    const experiment = sweepExperiment();
    for (const cell of expandCells(SWEEP_AXES, experiment) as SweepCell[]) assert.equal(pruningRatioOf(experiment, cell), 1 - cell.nonzerosPerNeuron / 50);
  });
});
