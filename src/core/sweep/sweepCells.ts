// Experiment -> the grid of sweep cells, and each cell's canonical key. The axis order is the
// family's (ExperimentFamily.axes). Plain TypeScript with no Node API.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { SweepCell } from '../families/experimentFamily';

/**
 * Every combination of the experiment's axis values (their Cartesian product). Order: axes as
 * given (the family's order) with the first varying slowest and the last fastest; each axis's
 * values in the experiment's (file) order.
 */
export function expandCells(axes: readonly string[], experiment: ResolvedExperiment): SweepCell[] {
  let cells: Record<string, number>[] = [{}];
  for (const axis of axes) {
    const values = experiment.axes[axis] ?? [];
    if (values.length === 0) throw new Error(`experiment "${experiment.name}": axis ${axis} has no values; expected at least one`);
    cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [axis]: value })));
  }
  return cells;
}

/** How many cells expandCells gives, without building them. */
export function cellCount(experiment: ResolvedExperiment): number {
  return Object.values(experiment.axes).reduce((product, values) => product * values.length, 1);
}

/**
 * The canonical key of a cell: `axis=value` for every axis in the family's order,
 * comma-separated, numbers in JavaScript's shortest round-trip form, e.g.
 * `samples=150,nonzerosPerNeuron=10,noiseStd=0,momentum=0.5,extraPerNeuron=0,missingPerNeuron=0,initDistance=0.3`.
 * The same cell always has the same key, whatever the order of the file's lists.
 */
export function cellKey(axes: readonly string[], cell: SweepCell): string {
  return axes.map((axis) => `${axis}=${String(cell[axis])}`).join(',');
}
