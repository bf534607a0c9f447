// One trial's curve (a metric at some iterations) as chart points and as a chart of its own.
// A single trial has no spread: each point's statistics are its value. Pure.
import type { BandPoint, LineChartData } from './chartData';

export function curvePoints(iterations: readonly number[], values: readonly number[]): BandPoint[] {
  return iterations.map((iteration, index) => {
    const value = values[index];
    return { x: iteration, count: 1, mean: value, median: value, std: 0, min: value, max: value };
  });
}

/** The id of the trial view's curve chart (one trial, not a group's median one). */
export const TRIAL_CURVE_ID = 'trial-curve';

/** The chart of the trial view: one trial's curve against iteration, on a log y axis (errors span decades). */
export function trialCurveChart(options: { title: string; yLabel: string; metric: string; trial: number; iterations: readonly number[]; values: readonly number[] }): LineChartData {
  return {
    kind: 'line',
    id: TRIAL_CURVE_ID,
    title: options.title,
    xLabel: 'Iteration',
    yLabel: options.yLabel,
    metric: options.metric,
    xScale: 'linear',
    yScale: 'log',
    band: false,
    curves: true,
    series: [{ key: 'trial', label: `trial ${options.trial}`, group: {}, points: curvePoints(options.iterations, options.values) }],
  };
}
