// What a convex-region trial records (measureConvexRegion.ts), as charts and `lth summarize`
// read it. Not in the panel's picker: each has a chart of its own in a convex-region run, and
// a training run has none of them.
import type { MetricDefinition, SummaryColumn } from '../../experimentFamily';

function landscapeMetric(name: string, label: string, scale: 'log' | 'linear', lowerIsBetter: boolean): MetricDefinition {
  return { name, label, unit: '', scale, lowerIsBetter, band: true, selectable: false, value: (record) => record[name] as number | null };
}

export const CONVEX_REGION_METRICS: readonly MetricDefinition[] = [
  landscapeMetric('convexRadiusMedian', 'Convex radius (median direction)', 'linear', false),
  landscapeMetric('convexRadiusMin', 'Convex radius (worst direction)', 'linear', false),
  landscapeMetric('hessianMinEigenvalue', 'Hessian λ_min at W*', 'log', false),
  landscapeMetric('hessianMaxEigenvalue', 'Hessian λ_max at W*', 'log', true),
  // Null when λ_min ≤ 0: the risk is not strongly convex at W* at all.
  landscapeMetric('conditionNumber', 'Condition number λ_max/λ_min at W*', 'log', true),
];


/** `lth summarize` of a convex-region run: these instead of the training columns (no success, no boundary). */
export const CONVEX_REGION_SUMMARY: readonly SummaryColumn[] = [
  { kind: 'describe', metric: 'convexRadiusMedian', key: 'convexRadiusMedian', title: 'convex radius' },
  { kind: 'describe', metric: 'convexRadiusMin', key: 'convexRadiusMin', title: 'worst-direction radius' },
  { kind: 'describe', metric: 'hessianMinEigenvalue', key: 'hessianMinEigenvalue', title: 'λ_min' },
  { kind: 'describe', metric: 'hessianMaxEigenvalue', key: 'hessianMaxEigenvalue' },
  { kind: 'describe', metric: 'conditionNumber', key: 'conditionNumber', title: 'condition number' },
];
