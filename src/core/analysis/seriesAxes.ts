// What the charts plot: the metrics a trial measured and the sweep axes they are plotted
// against, with their labels, and which axes a run actually sweeps. Pure (no Node APIs):
// the panel webview bundles this.
import { SWEEP_AXES, type SweepAxis, type SweepCell, type TrialRecord } from '../families/teacher-student/types';

export type MetricName = 'generalizationError' | 'relativeGeneralizationError' | 'relativeError' | 'initialRelativeError' | 'successRate' | 'convergenceRate';

export interface MetricInfo {
  label: string;
  /** Errors span decades and read best on a log axis; rates in [0, 1] do not. */
  logScale: boolean;
  /** A value in [0, 1] whose spread across trials is not worth a band (success is 0 or 1). */
  showBand: boolean;
  /** The trial's value; null when the trial has none (no linear phase, for the rate). */
  value(record: TrialRecord): number | null;
}

export const METRICS: Record<MetricName, MetricInfo> = {
  generalizationError: {
    label: 'Generalization error',
    logScale: true,
    showBand: true,
    value: (record) => record.generalizationError,
  },
  relativeGeneralizationError: {
    label: 'Relative generalization error',
    logScale: true,
    showBand: true,
    value: (record) => record.relativeGeneralizationError,
  },
  relativeError: {
    label: 'Relative weight error',
    logScale: true,
    showBand: true,
    value: (record) => record.relativeError,
  },
  initialRelativeError: {
    // Before the descent: the initialization's own error (the tensor method's, for init "tensor").
    label: 'Relative weight error at initialization',
    logScale: true,
    showBand: true,
    value: (record) => record.initialRelativeError,
  },
  successRate: {
    label: 'Success rate',
    logScale: false,
    showBand: false,
    value: (record) => (record.success ? 1 : 0),
  },
  convergenceRate: {
    label: 'Convergence rate',
    logScale: false,
    showBand: true,
    value: (record) => record.convergenceRate,
  },
};

/** The metrics a user picks from (the convergence rate has a chart of its own). */
export const SELECTABLE_METRICS: readonly MetricName[] = ['generalizationError', 'relativeGeneralizationError', 'relativeError', 'initialRelativeError', 'successRate'];

/** A horizontal axis: a sweep axis, or the pruning ratio 1 - r/d (the same axis as r, read the other way). */
export type PlotAxis = SweepAxis | 'pruningRatio';

const AXIS_LABELS: Record<PlotAxis, string> = {
  samples: 'Training samples N',
  nonzerosPerNeuron: 'Non-zeros per neuron r',
  pruningRatio: 'Pruning ratio 1 − r/d',
  noiseStd: 'Label noise std',
  momentum: 'Momentum β',
  extraPerNeuron: 'Extra mask positions per neuron',
  missingPerNeuron: 'Missing teacher positions per neuron',
  initDistance: 'Initial distance |W₀ − W*| / |W*|',
};

export function axisLabel(axis: PlotAxis): string {
  return AXIS_LABELS[axis];
}

const AXIS_NOUNS: Record<PlotAxis, string> = {
  samples: 'N',
  nonzerosPerNeuron: 'r',
  pruningRatio: 'pruning ratio',
  noiseStd: 'noise',
  momentum: 'momentum',
  extraPerNeuron: 'extra positions',
  missingPerNeuron: 'missing positions',
  initDistance: 'initial distance',
};

/** The axis as a short noun for titles: "one line per pruning ratio". */
export function axisNoun(axis: PlotAxis): string {
  return AXIS_NOUNS[axis];
}

/** The record's value on a plot axis. */
export function axisValue(record: TrialRecord, axis: PlotAxis): number {
  return record[axis];
}

/** How the line for one value of an axis is named in a legend; r also shows its pruning ratio when known. */
export function valueLegend(axis: SweepAxis, value: number, pruningRatio?: number): string {
  switch (axis) {
    case 'samples':
      return `N = ${value}`;
    case 'nonzerosPerNeuron':
      return pruningRatio === undefined ? `r = ${value}` : `ratio ${formatNumber(pruningRatio)} (r = ${value})`;
    case 'noiseStd':
      return `noise ${formatNumber(value)}`;
    case 'momentum':
      return value === 0 ? 'β = 0 (GD)' : `β = ${formatNumber(value)}`;
    case 'extraPerNeuron':
      return `extra ${value}`;
    case 'missingPerNeuron':
      return `missing ${value}`;
    case 'initDistance':
      return `init distance ${formatNumber(value)}`;
  }
}

/** The legend text of the line a record belongs to when lines are split by `axes`. */
export function groupLegend(record: TrialRecord, axes: readonly SweepAxis[]): string {
  return axes.map((axis) => valueLegend(axis, record[axis], record.pruningRatio)).join(', ');
}

/** A short, stable number format for legends and titles (no float noise like 0.30000000000000004). */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(4)));
  return value.toExponential(2);
}

/** "N = 450, noise 0.01": a fixed part of the grid, named for a title. */
export function describeFilter(filter: Partial<SweepCell>): string {
  return SWEEP_AXES.filter((axis) => filter[axis] !== undefined)
    .map((axis) => valueLegend(axis, filter[axis] as number))
    .join(', ');
}

/** Whether a record lies in the part of the grid that `filter` fixes. */
export function matchesFilter(record: TrialRecord, filter: Partial<SweepCell>): boolean {
  for (const axis of SWEEP_AXES) {
    const wanted = filter[axis];
    if (wanted !== undefined && record[axis] !== wanted) return false;
  }
  return true;
}

/**
 * The distinct values of every sweep axis, sorted: those the records hold, together with
 * those the experiment file lists (so a live run's charts know the whole grid from the
 * first trial on). `config` is the run manifest's experiment file; it is read defensively.
 */
export function axisValues(records: readonly TrialRecord[], config?: unknown): Record<SweepAxis, number[]> {
  const sets = Object.fromEntries(SWEEP_AXES.map((axis) => [axis, new Set<number>()])) as Record<SweepAxis, Set<number>>;
  for (const record of records) for (const axis of SWEEP_AXES) sets[axis].add(record[axis]);
  for (const axis of SWEEP_AXES) for (const value of configuredValues(config, axis)) sets[axis].add(value);
  return Object.fromEntries(SWEEP_AXES.map((axis) => [axis, [...sets[axis]].sort((left, right) => left - right)])) as Record<
    SweepAxis,
    number[]
  >;
}

/** The axes that take more than one value, in SWEEP_AXES order. */
export function sweptAxes(values: Record<SweepAxis, number[]>): SweepAxis[] {
  return SWEEP_AXES.filter((axis) => values[axis].length > 1);
}

// Where each sweep axis sits in an experiment file (families/teacher-student/schema.ts). The pruning ratio
// form of r is left out: converting it needs d and the rounding rule of the resolver, and
// the records carry r anyway.
const CONFIG_PATHS: Record<SweepAxis, readonly string[]> = {
  samples: ['samples'],
  nonzerosPerNeuron: ['teacher', 'nonzerosPerNeuron'],
  noiseStd: ['teacher', 'noiseStd'],
  momentum: ['training', 'momentum'],
  extraPerNeuron: ['student', 'extraPerNeuron'],
  missingPerNeuron: ['student', 'missingPerNeuron'],
  initDistance: ['training', 'initDistance'],
};

function configuredValues(config: unknown, axis: SweepAxis): number[] {
  let node: unknown = config;
  for (const key of CONFIG_PATHS[axis]) {
    if (typeof node !== 'object' || node === null) return [];
    node = (node as Record<string, unknown>)[key];
  }
  const list = Array.isArray(node) ? node : [node];
  return list.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}
