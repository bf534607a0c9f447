// Which charts a lottery-ticket run deserves: the paper's question on real data — test error
// against N, one line per pruning round (density) — then test error and the early-stopping
// iteration against density, the ticket beside its controls, one line per N; and the learning
// curves of one cell, one per round. Pure.
import type { TrialRecord } from '../../../shared/trialRecord';
import type { ChartData, ImageChartData, LineChartData, LineSeries } from '../../analysis/chartData';
import { curvePoints } from '../../analysis/curvePoints';
import { groupIntoLines, metricSeries } from '../../analysis/series';
import { describeFilter, matchesFilter, metricDefinition, sweptAxes } from '../../analysis/seriesAxes';
import { metricLineChart } from '../../analysis/seriesPlan';
import type { AxisValues, ChartSpec, ExperimentFamily } from '../experimentFamily';
import { formatNumber } from '../../../shared/formatNumber';
import { samplesNeededPoints } from './samplesNeeded';
import type { TicketVariant } from './types';

/** Samples needed to reach a test error against density, one line per variant, in one part of the grid. */
export interface SamplesNeededSpec extends ChartSpec {
  kind: 'samples-needed';
  target: number;
  filter: Record<string, number>;
}

/** The first layer's mask of one trial's tickets as pictures, one per round. */
export interface MaskPictureSpec extends ChartSpec {
  kind: 'mask-picture';
  filter: Record<string, number>;
}

/** Validation error against iteration in one cell, one line per round (the ticket's median trial). */
export interface LearningCurvesSpec extends ChartSpec {
  kind: 'learning-curves';
  filter: Record<string, number>;
}

export interface TicketChartSpec extends ChartSpec {
  kind: 'ticket-metric';
  x: 'trainSize' | 'density';
  /** Sweep axes (and record fields such as round) that split lines. */
  lineBy: string[];
  /** The variants drawn, those the run has; each gets its own lines (tickets alone, or beside their controls). */
  variants: TicketVariant[];
  fixedMetric?: string;
}

const VARIANT_NAMES: Record<TicketVariant, string> = { ticket: 'ticket', 'random-reinit': 'random re-init', 'random-prune': 'random pruning' };

const ALL_VARIANTS: readonly TicketVariant[] = ['ticket', 'random-reinit', 'random-prune'];

type LotteryTicketChart = TicketChartSpec | LearningCurvesSpec | SamplesNeededSpec | MaskPictureSpec;

export function lotteryTicketChartPlan(family: ExperimentFamily, values: AxisValues, target: number): LotteryTicketChart[] {
  const others = (axis: string) => sweptAxes(family, values).filter((name) => name !== axis);
  const specs: LotteryTicketChart[] = [];
  if ((values.trainSize?.length ?? 0) > 1) {
    specs.push({ kind: 'ticket-metric', id: 'error-vs-samples', x: 'trainSize', lineBy: ['round', ...others('trainSize')], variants: ['ticket'] });
    const rest = Object.fromEntries(others('trainSize').filter((name) => family.axes.some((axis) => axis.name === name)).map((name) => [name, values[name][0]]));
    specs.push({ kind: 'samples-needed', id: 'samples-needed', target, filter: rest });
  }
  specs.push({ kind: 'ticket-metric', id: 'error-vs-density', x: 'density', lineBy: others('density'), variants: [...ALL_VARIANTS] });
  specs.push({ kind: 'ticket-metric', id: 'stop-vs-density', x: 'density', lineBy: others('density'), variants: [...ALL_VARIANTS], fixedMetric: 'earlyStopIteration' });
  // The cell of the learning curves: the largest N, the first value of every other axis.
  const filter = Object.fromEntries(family.axes.map(({ name }) => [name, name === 'trainSize' ? values[name].at(-1) : values[name][0]]).filter(([, value]) => value !== undefined));
  specs.push({ kind: 'learning-curves', id: 'learning-curves', filter });
  specs.push({ kind: 'mask-picture', id: 'mask-picture', filter });
  return specs;
}

function maskPictures(family: ExperimentFamily, spec: MaskPictureSpec, records: readonly TrialRecord[]): ImageChartData {
  const tickets = records.filter((record) => record.variant === 'ticket' && Array.isArray(record.inputUsage) && matchesFilter(record, spec.filter));
  const trial = Math.min(...tickets.map((record) => record.trial));
  const shown = tickets.filter((record) => record.trial === trial).sort((left, right) => (left.round as number) - (right.round as number));
  const pixels = (shown[0]?.inputUsage as number[] | undefined)?.length ?? 0;
  // MNIST-format images are square (28 × 28); anything else is drawn as one row.
  const side = Math.round(Math.sqrt(pixels));
  const [width, height] = side * side === pixels ? [side, side] : [pixels, 1];
  const fixed = describeFilter(family, spec.filter);
  return {
    kind: 'image',
    id: spec.id,
    title: `What the ticket looks at: kept first-layer weights per pixel, per round (${fixed ? `${fixed}, ` : ''}trial ${Number.isFinite(trial) ? trial : 0})`,
    width,
    height,
    valueLabel: 'kept weights',
    images: shown.map((record) => ({ label: `round ${record.round} (${formatNumber(100 * (record.density as number))}%)`, values: record.inputUsage as number[] })),
  };
}

function samplesNeeded(family: ExperimentFamily, spec: SamplesNeededSpec, records: readonly TrialRecord[]): LineChartData {
  const inPart = records.filter((record) => matchesFilter(record, spec.filter));
  const series: LineSeries[] = ALL_VARIANTS.flatMap((variant) => {
    const points = samplesNeededPoints(inPart.filter((record) => record.variant === variant), spec.target);
    return points.length === 0 ? [] : [{ key: variant, label: VARIANT_NAMES[variant], group: {}, points: points.sort((left, right) => left.x - right.x) }];
  });
  const fixed = describeFilter(family, spec.filter);
  return {
    kind: 'line',
    id: spec.id,
    title: `Training samples needed for ${formatNumber(100 * spec.target)}% test error vs density${fixed ? ` (${fixed})` : ''}`,
    xLabel: 'Weights remaining',
    yLabel: 'Training samples N needed',
    metric: 'samplesNeeded',
    xScale: 'log',
    yScale: 'log',
    band: false,
    curves: false,
    series,
  };
}

/** The trial with the median test error of a list (the lower middle one for an even count). */
function medianTrial(records: readonly TrialRecord[]): TrialRecord {
  const sorted = [...records].sort((left, right) => (left.testError as number) - (right.testError as number) || left.trial - right.trial);
  return sorted[(sorted.length - 1) >> 1];
}

function learningCurves(family: ExperimentFamily, spec: LearningCurvesSpec, records: readonly TrialRecord[]): LineChartData {
  const tickets = records.filter((record) => record.variant === 'ticket' && matchesFilter(record, spec.filter));
  const series: LineSeries[] = groupIntoLines(family, tickets, ['round'], {}).map((line) => {
    const trial = medianTrial(line.records);
    const curve = trial.curve as { iterations: number[]; validationError: number[] };
    return { key: line.key, label: `${line.label} (trial ${trial.trial})`, group: line.group, points: curvePoints(curve.iterations, curve.validationError) };
  });
  const fixed = describeFilter(family, spec.filter);
  return {
    kind: 'line',
    id: spec.id,
    title: `Validation error vs iteration, one curve per round (median trial)${fixed ? ` (${fixed})` : ''}`,
    xLabel: 'Iteration',
    yLabel: 'Validation error',
    metric: 'validationError',
    xScale: 'linear',
    yScale: 'log',
    band: false,
    curves: true,
    series,
  };
}

export function lotteryTicketChart(family: ExperimentFamily, chartSpec: ChartSpec, records: readonly TrialRecord[], selectedMetric: string): ChartData {
  if ((chartSpec as LearningCurvesSpec).kind === 'learning-curves') return learningCurves(family, chartSpec as LearningCurvesSpec, records);
  if ((chartSpec as SamplesNeededSpec).kind === 'samples-needed') return samplesNeeded(family, chartSpec as SamplesNeededSpec, records);
  if ((chartSpec as MaskPictureSpec).kind === 'mask-picture') return maskPictures(family, chartSpec as MaskPictureSpec, records);
  const spec = chartSpec as TicketChartSpec;
  const metric = metricDefinition(family, spec.fixedMetric ?? selectedMetric);
  const variants = spec.variants.filter((variant) => records.some((record) => record.variant === variant));
  const several = variants.length > 1;
  const series: LineSeries[] = variants.flatMap((variant) =>
    metricSeries(
      family,
      records.filter((record) => record.variant === variant),
      metric.name,
      spec.x,
      spec.lineBy,
    ).map((line) => {
      if (!several) return { ...line, where: { variant } };
      // Lines split by variant alone are named by it; split further, by both.
      const label = spec.lineBy.length === 0 ? VARIANT_NAMES[variant] : `${VARIANT_NAMES[variant]}: ${line.label}`;
      return { ...line, key: `${variant}|${line.key}`, label, where: { variant } };
    }),
  );
  const versus = several ? `, ${variants.map((variant) => VARIANT_NAMES[variant]).join(' vs ')}` : '';
  return metricLineChart(family, { ...spec, filter: {} }, metric.name, series, versus);
}
