import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SWEEP_AXES } from '../../../src/core/families/teacher-student/types';
import { cellCount, cellKey, expandCells } from '../../../src/core/sweep/sweepCells';
import { sweepExperiment } from './experimentFixture';

describe('expandCells', () => {
  it('gives the product of the axis lengths, every combination once', () => {
    const experiment = sweepExperiment();
    const cells = expandCells(SWEEP_AXES, experiment);
    assert.equal(cells.length, 4 * 3 * 2);
    assert.equal(cellCount(experiment), cells.length);
    assert.equal(new Set(cells.map((cell) => cellKey(SWEEP_AXES, cell))).size, cells.length);
    for (const samples of experiment.axes.samples) {
      for (const nonzeros of experiment.axes.nonzerosPerNeuron) {
        for (const momentum of experiment.axes.momentum) {
          assert.equal(cells.filter((cell) => cell.samples === samples && cell.nonzerosPerNeuron === nonzeros && cell.momentum === momentum).length, 1);
        }
      }
    }
  });

  it('varies the first axis slowest and the last fastest, values in file order', () => {
    const cells = expandCells(SWEEP_AXES, sweepExperiment({ samples: [320, 40] }));
    assert.deepEqual(
      cells.map((cell) => [cell.samples, cell.nonzerosPerNeuron, cell.momentum]),
      [320, 40].flatMap((samples) => [5, 10, 20].flatMap((nonzeros) => [0, 0.5].map((momentum) => [samples, nonzeros, momentum]))),
    );
  });

  it('fills every axis of every cell', () => {
    for (const cell of expandCells(SWEEP_AXES, sweepExperiment())) assert.deepEqual(Object.keys(cell).sort(), [...SWEEP_AXES].sort());
  });
});

describe('cellKey', () => {
  it('lists every axis as name=value in SWEEP_AXES order', () => {
    const [cell] = expandCells(SWEEP_AXES, sweepExperiment());
    const key = cellKey(SWEEP_AXES, cell);
    assert.deepEqual(
      key.split(',').map((part) => part.split('=')[0]),
      [...SWEEP_AXES],
    );
    for (const part of key.split(',')) {
      const [axis, value] = part.split('=');
      assert.equal(Number(value), cell[axis as (typeof SWEEP_AXES)[number]]);
    }
  });

  it('does not depend on the order of the file lists', () => {
    const forward = expandCells(SWEEP_AXES, sweepExperiment()).map((cell) => cellKey(SWEEP_AXES, cell)).sort();
    const reversed = expandCells(SWEEP_AXES, sweepExperiment({ samples: [320, 160, 80, 40], training: { momentum: [0.5, 0] } })).map((cell) => cellKey(SWEEP_AXES, cell)).sort();
    assert.deepEqual(reversed, forward);
  });
});
