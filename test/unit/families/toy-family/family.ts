// A family that exists only for the tests: the least a kind must give the engine. One swept
// axis (`width`), one metric (`loss`, a pure function of width and seed), default charts. It
// proves that a kind plugs in by its folder and one registerFamily call, with no edit elsewhere.
import { Type, type Static } from '@sinclair/typebox';
import { buildMetricChart, defaultChartPlan, type MetricChartSpec } from '../../../../src/core/analysis/seriesPlan';
import { axisNames, type ExperimentFamily } from '../../../../src/core/families/experimentFamily';
import { cellKey } from '../../../../src/core/sweep/sweepCells';
import { trialSeed } from '../../../../src/core/sweep/trialSeed';
import type { ResolvedExperiment } from '../../../../src/shared/runManifest';

const OneOrMany = Type.Union([Type.Integer({ minimum: 1 }), Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1 })]);

export const ToySchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal('toy'),
    name: Type.Optional(Type.String()),
    seed: Type.Optional(Type.Integer({ minimum: 0, default: 1 })),
    width: OneOrMany,
    /** Records per trial (a chain of parts, like the rounds of a pruning chain); each part busy-waits `partMs`. */
    links: Type.Optional(Type.Integer({ minimum: 1 })),
    partMs: Type.Optional(Type.Integer({ minimum: 0 })),
    trials: Type.Optional(Type.Integer({ minimum: 1, default: 2 })),
  },
  { additionalProperties: false },
);
type ToyFile = Static<typeof ToySchema>;

export type ToyExperiment = ResolvedExperiment & { links: number; partMs: number };

/** What the worker trains from: the cell's width and the trial's seed. */
export interface ToySpec {
  width: number;
  seed: number;
  links: number;
  partMs: number;
}

export const toyFamily: ExperimentFamily<ToyExperiment> = {
  kind: 'toy',
  title: 'a test-only kind',
  schema: ToySchema,
  axes: [{ name: 'width', label: 'Width w', short: 'w', noun: 'w', unit: '', scale: 'linear', legend: (value) => `w = ${value}` }],
  derivedAxes: [],
  metrics: [
    { name: 'loss', label: 'Loss', unit: '', scale: 'linear', lowerIsBetter: true, band: true, selectable: true, value: (record) => record.loss as number },
  ],
  defaultMetric: 'loss',
  summaryColumns: [{ kind: 'describe', metric: 'loss', key: 'loss', title: 'loss' }],
  semanticIssues: (file) => (((file as ToyFile).trials ?? 2) > 3 ? [{ path: ['trials'], message: 'at most 3 trials for a toy', severity: 'error' }] : []),
  resolve(file, name) {
    const toy = file as ToyFile;
    const widths = Array.isArray(toy.width) ? toy.width : [toy.width];
    return { kind: 'toy', name: toy.name ?? name, seed: toy.seed ?? 1, trials: toy.trials ?? 2, axes: { width: widths }, links: toy.links ?? 1, partMs: toy.partMs ?? 0 };
  },
  trialParts: (experiment) => experiment.links,
  trialSpec: (experiment, cell, trial): ToySpec => ({
    width: cell.width,
    seed: trialSeed(experiment.seed, cellKey(axisNames(toyFamily), cell), trial),
    links: experiment.links,
    partMs: experiment.partMs,
  }),
  recordExtras: (_experiment, cell) => ({ widthSquared: cell.width * cell.width }),
  chartPlan: (values) => defaultChartPlan(toyFamily, values),
  buildChart: (spec, records, selectedMetric) => buildMetricChart(toyFamily, spec as MetricChartSpec, records, selectedMetric),
};

/** The toy's "training": deterministic in (width, seed), so a test can recompute every record. */
export function toyLoss(spec: Pick<ToySpec, 'width' | 'seed'>): number {
  return spec.width + (spec.seed % 1000) / 1000;
}
