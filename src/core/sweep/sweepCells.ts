// Experiment -> the grid of sweep cells, and each cell's canonical key. The axis order is the
// family's (ExperimentFamily.axes). Plain TypeScript with no Node API.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { SweepCell } from '../families/experimentFamily';

/**
 * Every combination of the experiment's axis values (their Cartesian product), one at a time: a
 * grid of 10^9 cells is walked, never built. Order: axes as given (the family's order) with the
 * first varying slowest and the last fastest; each axis's values in the experiment's (file) order.
 */
export function* sweepCells(axes: readonly string[], experiment: ResolvedExperiment): Generator<SweepCell> {
  const values = axes.map((axis) => experiment.axes[axis] ?? []);
  const empty = axes.findIndex((_, index) => values[index].length === 0);
  if (empty >= 0) throw new Error(`experiment "${experiment.name}": axis ${axes[empty]} has no values; expected at least one`);
  // An odometer over the value positions: the last axis turns fastest.
  const position = axes.map(() => 0);
  for (;;) {
    yield Object.fromEntries(axes.map((axis, index) => [axis, values[index][position[index]]]));
    let axis = axes.length - 1;
    while (axis >= 0 && ++position[axis] === values[axis].length) position[axis--] = 0;
    if (axis < 0) return;
  }
}

/** The cells of sweepCells as an array, for grids known to be small. */
export function expandCells(axes: readonly string[], experiment: ResolvedExperiment): SweepCell[] {
  return [...sweepCells(axes, experiment)];
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
