// The charts of a run whose masks are found by magnitude pruning (student.mask "magnitude"):
// how much of the teacher's support the found mask recovers, and the error of the found mask
// beside the oracle mask and the dense student it was pruned from — on the same teachers and
// data, since one trial trains all three. Against N when N is swept: where pruning finds the
// ticket. Pure (no Node APIs).
import type { TrialRecord } from '../../../shared/trialRecord';
import type { LineChartData, LineSeries } from '../../analysis/chartData';
import { metricSeries } from '../../analysis/series';
import { combinations, partKey, sweptAxes } from '../../analysis/seriesAxes';
import { metricLineChart, shownAxis, type MetricChartSpec } from '../../analysis/seriesPlan';
import type { AxisValues, ChartSpec, ExperimentFamily } from '../experimentFamily';

/** One metric against `x` for the found mask, the oracle mask and the dense student, one line each per combination of `lineBy`, in the part `filter` fixes. */
export interface MaskVariantsSpec extends ChartSpec {
  kind: 'mask-variants';
  x: string;
  lineBy: string[];
  filter: Record<string, number>;
}

/** Three lines per chart read best: one chart per value of the other swept axes (r), unless that makes more charts than this. */
const MAX_VARIANT_CHARTS = 6;

/** Each variant's view of a magnitude record: its own training's fields over the found mask's. */
const VARIANTS: ReadonlyArray<{ key: string; name: string; view: (record: TrialRecord) => TrialRecord }> = [
  { key: 'oracle', name: 'oracle mask', view: (record) => ({ ...record, ...(record.oracleMask as object) }) },
  { key: 'found', name: 'found mask', view: (record) => record },
  { key: 'dense', name: 'dense', view: (record) => ({ ...record, ...(record.densePhase as object) }) },
];

/** Mask recall (and precision, when masks may differ in size from the support), then the variants' error per r; against N unless N is fixed. */
export function maskCharts(family: ExperimentFamily, values: AxisValues): Array<MetricChartSpec | MaskVariantsSpec> {
  const swept = sweptAxes(family, values);
  const axis = swept.includes('samples') ? 'samples' : (swept[0] ?? 'samples');
  const x = shownAxis(family, axis);
  const lineBy = swept.filter((other) => other !== axis);
  // With as many positions per row as the teacher has, precision equals recall: one chart says both.
  const sizesDiffer = [...values.extraPerNeuron, ...values.missingPerNeuron].some((count) => count !== 0);
  const share = (metric: string): MetricChartSpec => ({ kind: 'metric', id: `${metric}:${x}`, x, lineBy, filter: {}, fixedMetric: metric });
  const parts = combinations(lineBy, values);
  const variants: MaskVariantsSpec[] =
    parts.length <= MAX_VARIANT_CHARTS
      ? parts.map((filter) => ({ kind: 'mask-variants', id: `mask-variants:${x}:${partKey(family, filter)}`, x, lineBy: [], filter }))
      : [{ kind: 'mask-variants', id: `mask-variants:${x}`, x, lineBy, filter: {} }];
  return [share('maskRecall'), ...(sizesDiffer ? [share('maskPrecision')] : []), ...variants];
}

export function maskVariantsChart(family: ExperimentFamily, spec: MaskVariantsSpec, records: readonly TrialRecord[], selectedMetric: string): LineChartData {
  const magnitudeRecords = records.filter((record) => record.densePhase !== undefined && record.oracleMask !== undefined);
  const series: LineSeries[] = VARIANTS.flatMap((variant) =>
    metricSeries(family, magnitudeRecords.map(variant.view), selectedMetric, spec.x, spec.lineBy, spec.filter).map((line) => ({
      ...line,
      key: `${variant.key}|${line.key}`,
      label: spec.lineBy.length === 0 ? variant.name : `${variant.name}: ${line.label}`,
    })),
  );
  return metricLineChart(family, spec, selectedMetric, series, ': oracle mask vs found mask vs dense');
}
