// Experiment -> the grid of sweep cells, and each cell's canonical key.
// Plain TypeScript with no Node API: the webview imports cellKey too.
import { SWEEP_AXES, type Experiment, type SweepCell } from '../families/teacher-student/types';

/**
 * Every combination of the experiment's axis values (their Cartesian product). Order: axes as
 * in SWEEP_AXES (samples, nonzerosPerNeuron, noiseStd, momentum, extraPerNeuron,
 * missingPerNeuron, initDistance) with the first varying slowest and the last fastest; each
 * axis's values in the experiment's (file) order.
 */
export function expandCells(experiment: Experiment): SweepCell[] {
  let cells: Partial<SweepCell>[] = [{}];
  for (const axis of SWEEP_AXES) {
    const values = experiment.axes[axis];
    if (values.length === 0) throw new Error(`experiment "${experiment.name}": axis ${axis} has no values; expected at least one`);
    cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [axis]: value })));
  }
  return cells as SweepCell[];
}

/** How many cells expandCells gives, without building them. */
export function cellCount(experiment: Experiment): number {
  return SWEEP_AXES.reduce((product, axis) => product * experiment.axes[axis].length, 1);
}

/**
 * The canonical key of a cell: `axis=value` for every axis in SWEEP_AXES order, comma-separated,
 * numbers in JavaScript's shortest round-trip form, e.g.
 * `samples=150,nonzerosPerNeuron=10,noiseStd=0,momentum=0.5,extraPerNeuron=0,missingPerNeuron=0,initDistance=0.3`.
 * The same cell always has the same key, whatever the order of the file's lists.
 */
export function cellKey(cell: SweepCell): string {
  return SWEEP_AXES.map((axis) => `${axis}=${String(cell[axis])}`).join(',');
}
