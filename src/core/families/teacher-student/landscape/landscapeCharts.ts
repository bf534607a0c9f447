// The charts of a convex-region run (paper.md claim 1): the convex radius against r with one
// line per value of the other swept axes (N, K, ...) and a band over trials, then its worst
// direction, λ_min and the condition number against r. Pure (no Node APIs).
import type { MetricChartSpec } from '../../../analysis/seriesPlan';
import { sweptAxes } from '../../../analysis/seriesAxes';
import type { AxisValues, ExperimentFamily } from '../../experimentFamily';

const CHARTED: readonly string[] = ['convexRadiusMedian', 'convexRadiusMin', 'hessianMinEigenvalue', 'conditionNumber'];

export function convexRegionChartPlan(family: ExperimentFamily, values: AxisValues): MetricChartSpec[] {
  const swept = sweptAxes(family, values);
  // Against r when it varies (the claim); else against whatever does.
  const x = swept.includes('nonzerosPerNeuron') || swept.length === 0 ? 'nonzerosPerNeuron' : swept[0];
  const lineBy = swept.filter((axis) => axis !== x);
  return CHARTED.map((metric) => ({ kind: 'metric', id: `landscape:${metric}:${x}`, x, lineBy, filter: {}, fixedMetric: metric }));
}
