// The theory's trends beside two line charts (paper.md claim 3 and the noise term):
// - convergence rate vs r: heavy ball on the slowest direction of the sample Hessian at W*
//   (localHessian.ts), no constant fitted: its curvature falls as √(r/N) grows, so larger r
//   contract more slowly;
// - error vs noise: the distance to W* is linear in the noise std σ with a factor ∝ √(r/N), so
//   the relative weight error is C·σ·√(r/N), and a generalization error (a squared distance)
//   C·σ²·r/N; C fitted in log space to the median errors at σ > 0.
// Pure (no Node APIs): the panel bundles the chart code.
import type { TrialRecord } from '../../../../shared/trialRecord';
import { formatNumber } from '../../../../shared/formatNumber';
import type { TheoryOverlay } from '../../../analysis/chartData';
import { groupIntoLines } from '../../../analysis/series';
import { axisValue, metricDefinition } from '../../../analysis/seriesAxes';
import type { MetricChartSpec } from '../../../analysis/seriesPlan';
import { describe } from '../../../analysis/statistics';
import type { ExperimentFamily } from '../../experimentFamily';
import type { Experiment, TrialRecord as TeacherStudentRecord } from '../types';
import { predictedRate } from './localHessian';

/** The power of σ (and of √(r/N)) in the predicted error of each metric the noise term sets. */
export const NOISE_EXPONENTS: Readonly<Record<string, number>> = { relativeError: 1, generalizationError: 2, relativeGeneralizationError: 2 };

/** One chart point's trials: where it is (x), the (r, N) they share, and the metric's median over them. */
interface TheoryPoint {
  lineKey: string;
  x: number;
  nonzerosPerNeuron: number;
  samples: number;
  median: number;
  /** One of its records (they share every axis but x's). */
  record: TeacherStudentRecord;
}

function theoryPoints(family: ExperimentFamily, records: readonly TrialRecord[], spec: MetricChartSpec, metric: string): TheoryPoint[] {
  const value = metricDefinition(family, metric).value;
  return groupIntoLines(family, records, spec.lineBy, spec.filter).flatMap((line) => {
    const byX = new Map<number, TrialRecord[]>();
    for (const record of line.records) {
      const x = axisValue(record, spec.x);
      const group = byX.get(x);
      if (group) group.push(record);
      else byX.set(x, [record]);
    }
    return [...byX.entries()].flatMap(([x, group]) => {
      const { count, median } = describe(group.map(value));
      const first = group[0];
      // Points that pool several (r, N) have no one prediction.
      const uniform = group.every((record) => record.nonzerosPerNeuron === first.nonzerosPerNeuron && record.samples === first.samples);
      if (count === 0 || !uniform) return [];
      const record = first as unknown as TeacherStudentRecord;
      return [{ lineKey: line.key, x, nonzerosPerNeuron: record.nonzerosPerNeuron, samples: record.samples, median, record }];
    });
  });
}

function overlay(points: readonly TheoryPoint[], predict: (point: TheoryPoint) => number, label: string, caption: string): TheoryOverlay {
  const byLine = new Map<string, Array<{ x: number; y: number }>>();
  for (const point of points) {
    const line = byLine.get(point.lineKey);
    if (line) line.push({ x: point.x, y: predict(point) });
    else byLine.set(point.lineKey, [{ x: point.x, y: predict(point) }]);
  }
  return {
    caption,
    lines: [...byLine.entries()].map(([key, linePoints]) => ({ key, label, points: linePoints.sort((left, right) => left.x - right.x) })),
  };
}

/** Weights each student row trains: the teacher's r adjusted by the mask's extra and missing positions, or d for a dense mask. */
export function trainedPerRow(experiment: Pick<Experiment, 'studentMask' | 'inputDim'>, record: Pick<TeacherStudentRecord, 'nonzerosPerNeuron' | 'extraPerNeuron' | 'missingPerNeuron'>): number {
  return experiment.studentMask === 'dense' ? experiment.inputDim : record.nonzerosPerNeuron + record.extraPerNeuron - record.missingPerNeuron;
}

export function rateTheory(family: ExperimentFamily, records: readonly TrialRecord[], spec: MetricChartSpec, experiment: Experiment): TheoryOverlay | null {
  const points = theoryPoints(family, records, spec, 'convergenceRate');
  if (points.length === 0) return null;
  const caption =
    `Theory (dashed): heavy ball on the slowest direction of the sample Hessian at W*, curvature (1/K²)(1/2 − 1/2π)(1 − √(p/N))² for p trained weights, ` +
    `η = ${formatNumber(experiment.stepSize)}, K = ${experiment.hiddenUnits}; no constant fitted.`;
  const predict = (point: TheoryPoint) => predictedRate(experiment, point.record.momentum, trainedPerRow(experiment, point.record), point.samples);
  return overlay(points, predict, 'theory: heavy ball at W*', caption);
}

/** C of error = C·(σ·√(r/N))^p: the geometric mean of error / (σ·√(r/N))^p over points with σ > 0; null without one. */
export function fitNoiseConstant(points: ReadonlyArray<{ noiseStd: number; nonzerosPerNeuron: number; samples: number; error: number }>, exponent: number): number | null {
  let logSum = 0;
  let count = 0;
  for (const point of points) {
    if (!(point.noiseStd > 0 && point.error > 0)) continue;
    logSum += Math.log(point.error) - exponent * Math.log(point.noiseStd * Math.sqrt(point.nonzerosPerNeuron / point.samples));
    count++;
  }
  return count > 0 ? Math.exp(logSum / count) : null;
}

export function noiseTheory(family: ExperimentFamily, records: readonly TrialRecord[], spec: MetricChartSpec, metric: string): TheoryOverlay | null {
  const exponent = NOISE_EXPONENTS[metric];
  if (exponent === undefined || spec.x !== 'noiseStd') return null;
  const points = theoryPoints(family, records, spec, metric).filter((point) => point.x > 0);
  const constant = fitNoiseConstant(points.map((point) => ({ ...point, noiseStd: point.x, error: point.median })), exponent);
  if (constant === null) return null;
  const form = exponent === 1 ? 'C·σ·√(r/N)' : 'C·σ²·r/N';
  const caption = `Theory: ${metricDefinition(family, metric).label.toLowerCase()} = ${form} (the weight error is linear in the noise σ); fitted to the medians at σ > 0: C = ${formatNumber(constant)}.`;
  return overlay(points, (point) => constant * Math.pow(point.x * Math.sqrt(point.nonzerosPerNeuron / point.samples), exponent), `theory: ${form}`, caption);
}
