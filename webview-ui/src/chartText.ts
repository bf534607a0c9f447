// The words next to a chart: the caption (the fitted boundary's equation and R²) and the
// accessible summary a screen reader gets in place of the picture.
import type { ChartData, HeatmapChartData, ImageChartData, LineChartData } from '../../src/core/analysis/chartData';
import type { BoundaryTheory } from '../../src/core/families/teacher-student/theory/boundaryTheory';
import { TRIAL_CURVE_ID } from '../../src/core/analysis/curvePoints';
import type { LineStatistic } from '../../src/core/analysis/series';
import { formatNumber } from '../../src/shared/formatNumber';

/** "N* = 12.3·r + 4.5" */
export function boundaryEquation(slope: number, intercept: number): string {
  return `N* = ${formatNumber(slope)}·r ${intercept < 0 ? '−' : '+'} ${formatNumber(Math.abs(intercept))}`;
}

/** "theory N* = c·r, c = 12.3 [11.0, 13.9] (K = 5)": the constant with its 95% bootstrap interval. */
export function theoryEquation(theory: BoundaryTheory): string {
  const { low, high } = theory.constantInterval;
  const interval = `[${formatNumber(low)}, ${high === null ? '∞' : formatNumber(high)}]`;
  return `theory N* = c·r, c = ${formatNumber(theory.constant)} ${interval}${theory.hiddenUnits === undefined ? '' : ` (K = ${theory.hiddenUnits})`}`;
}

function heatmapCaption(data: HeatmapChartData): string {
  const { crossings, fit } = data.boundary;
  const crossed = crossings.filter((crossing) => crossing.status === 'crossed').length;
  const theory = data.theory
    ? ` The theory's ${theoryEquation(data.theory)}: 95% band from ${data.theory.replicates} bootstrap resamplings of the trials (seed ${data.theory.seed}).`
    : '';
  if (!fit) {
    return `Boundary: the success rate crosses 50% within the grid for ${crossed} r value${crossed === 1 ? '' : 's'}; a line needs two.${theory}`;
  }
  return `Boundary ${boundaryEquation(fit.slope, fit.intercept)}, R² = ${fit.rSquared.toFixed(3)} (fitted on ${crossed} of ${crossings.length} r values where the success rate crosses 50%).${theory}`;
}

export function chartCaption(data: ChartData): string {
  if (data.kind === 'heatmap') return heatmapCaption(data);
  if (data.kind === 'image') return `Each picture: ${data.valueLabel} per pixel, from none (background) to its picture's most (full colour).`;
  if (data.curves && data.id !== TRIAL_CURVE_ID) return 'Each curve is the trial with the median final error of its group.';
  return data.theory?.caption ?? '';
}

function lineSummary(data: LineChartData, line: LineStatistic): string {
  const points = data.series.reduce((total, series) => total + series.points.length, 0);
  if (points === 0) return `${data.title}: no data yet.`;
  const xs = data.series.flatMap((series) => series.points.map((point) => point.x));
  const ends = data.series
    .filter((series) => series.points.length > 0)
    .slice(0, 12)
    .map((series) => {
      const last = series.points[series.points.length - 1];
      return `${series.label}: ${formatNumber(last[line])} at ${formatNumber(last.x)}`;
    });
  const more = data.series.length > 12 ? `; and ${data.series.length - 12} more lines` : '';
  return (
    `${data.title}. ${data.series.length} line${data.series.length === 1 ? '' : 's'}, ${points} points, ` +
    `${data.xLabel} from ${formatNumber(Math.min(...xs))} to ${formatNumber(Math.max(...xs))}. ` +
    `Last value of each line: ${ends.join('; ')}${more}.`
  );
}

function heatmapSummary(data: HeatmapChartData): string {
  if (data.cells.length === 0) return `${data.title}: no data yet.`;
  const rows = data.boundary.crossings.map((crossing) => {
    if (crossing.status === 'crossed') return `r = ${crossing.nonzerosPerNeuron}: N* ≈ ${formatNumber(crossing.criticalSamples as number)}`;
    return `r = ${crossing.nonzerosPerNeuron}: ${crossing.status === 'always-succeeds' ? 'succeeds at every N' : 'fails at every N'}`;
  });
  return `${data.title}. ${data.cells.length} cells over r from ${data.rValues[0]} to ${data.rValues[data.rValues.length - 1]} and N from ${data.sampleValues[0]} to ${data.sampleValues[data.sampleValues.length - 1]}. ${heatmapCaption(data)} ${rows.join('; ')}.`;
}

function imageSummary(data: ImageChartData): string {
  if (data.images.length === 0) return `${data.title}: no data yet.`;
  const described = data.images.map((image) => {
    const used = image.values.filter((value) => value > 0).length;
    return `${image.label}: ${used} of ${image.values.length} pixels used, at most ${formatNumber(Math.max(...image.values))}`;
  });
  return `${data.title}. ${data.images.length} pictures of ${data.width} × ${data.height} pixels. ${described.join('; ')}.`;
}

export function chartSummary(data: ChartData, line: LineStatistic): string {
  if (data.kind === 'image') return imageSummary(data);
  return data.kind === 'heatmap' ? heatmapSummary(data) : lineSummary(data, line);
}
