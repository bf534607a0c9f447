// One Chart.js line chart drawing a LineChartData: per line, the mean or median (or a trial's curve)
// and, when asked, a band between two extra datasets. Updates mutate the existing chart
// (datasets matched by line key), so live appends never re-create it.
import type { ChartDataset, LegendItem, ScatterDataPoint, TooltipItem } from 'chart.js';
import type { BandPoint, LineChartData, LineSeries } from '../../src/core/analysis/chartData';
import { bandRange, type BandKind, type LineStatistic } from '../../src/core/analysis/series';
import { formatNumber } from '../../src/shared/formatNumber';
import { Chart, themedAxis } from './chartSetup';
import { gridTickOptions, logAxisOptions } from './axisTicks';
import { withAlpha, type ChartTheme } from './theme';

export interface LineView {
  line: LineStatistic;
  band: BandKind | 'none';
  logX: boolean;
  logY: boolean;
}

type Role = 'line' | 'upper' | 'lower' | 'theory';
interface PlotPoint extends ScatterDataPoint {
  count: number;
  low: number;
  high: number;
}
type LineDataset = ChartDataset<'line', PlotPoint[]>;

/** Which line and which part of it a dataset draws (Chart.js datasets carry no such field). */
const roles = new WeakMap<object, { key: string; role: Role }>();

const DASHES: number[][] = [[], [6, 4], [2, 3]];
const POINT_STYLES = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'] as const;

/**
 * How the n-th line of a run is told apart: its colour, and once the palette is used up, a
 * marker and a dash of their own (each round through the palette gets the next ones).
 */
function seriesStyle(palette: readonly string[], colorIndex: number, runIndex: number) {
  const round = Math.floor(colorIndex / palette.length);
  return {
    color: palette[colorIndex % palette.length],
    pointStyle: POINT_STYLES[round % POINT_STYLES.length],
    borderDash: DASHES[(runIndex + round) % DASHES.length],
  };
}

/** Whether a log x axis shows anything: points at x <= 0 (noise 0, iteration 0) are left off it. */
export function canUseLogX(data: LineChartData): boolean {
  return data.series.some((series) => series.points.filter((point) => point.x > 0).length > 1);
}

/** Whether the y values can: success rates of 0 cannot. */
export function canUseLogY(data: LineChartData): boolean {
  return data.curves || data.metric !== 'successRate';
}

export class LineChartView {
  readonly chart: Chart<'line', PlotPoint[]>;
  /** Whether the data drawn are single trials' curves (the tooltip words them differently). */
  private curves = false;
  /** The x axis's name, for the tooltip's title. */
  private xLabel = '';
  private theme: ChartTheme | undefined;
  private data: LineChartData;

  /** `pick`: a click on a point of a line (the nearest one, as the tooltip shows it). */
  constructor(canvas: HTMLCanvasElement, data: LineChartData, view: LineView, theme: ChartTheme, pick?: (series: LineSeries, x: number) => void) {
    this.data = data;
    this.chart = new Chart<'line', PlotPoint[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        onClick: (_event, elements) => {
          const nearest = elements.find((found) => isLine(this.chart.data.datasets[found.datasetIndex]));
          if (!pick || !nearest) return;
          const role = roles.get(this.chart.data.datasets[nearest.datasetIndex]);
          const series = this.data.series.find((candidate) => candidate.key === role?.key);
          const x = this.chart.data.datasets[nearest.datasetIndex].data[nearest.index]?.x;
          if (series && typeof x === 'number') pick(series, x);
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: { boxWidth: 18, boxHeight: 2, filter: (item, chartData) => isLine(chartData.datasets[item.datasetIndex ?? -1]) },
            onClick: (_event, item) => this.toggleLine(item),
          },
          tooltip: {
            filter: (item) => isLine(item.dataset) || roles.get(item.dataset)?.role === 'theory',
            callbacks: {
              title: (items) => (items.length > 0 ? `${this.xLabel} = ${formatNumber(items[0].parsed.x ?? Number.NaN)}` : ''),
              label: (item) => tooltipLabel(item as TooltipItem<'line'>, this.curves),
            },
          },
        },
      },
    });
    this.update(data, view, theme);
  }

  update(data: LineChartData, view: LineView, theme: ChartTheme): void {
    this.data = data;
    this.curves = data.curves;
    this.xLabel = data.xLabel;
    // Points share their resolved options, which a 'none' update keeps: a new theme needs a full one.
    const themeChanged = this.theme !== undefined && this.theme !== theme;
    this.theme = theme;
    const logX = view.logX && canUseLogX(data);
    const logY = view.logY && canUseLogY(data);
    const showBand = view.band !== 'none' && !data.curves && data.band;
    const floor = logY ? smallestPositive(data.series) : 0;

    const existing = new Map<string, LineDataset>();
    for (const dataset of this.chart.data.datasets) {
      const role = roles.get(dataset);
      if (role) existing.set(`${role.key}/${role.role}`, dataset as LineDataset);
    }
    const reuse = (key: string, role: Role): LineDataset => {
      const dataset = existing.get(`${key}/${role}`) ?? ({ data: [] } as unknown as LineDataset);
      roles.set(dataset, { key, role });
      return dataset;
    };

    const datasets: LineDataset[] = [];
    const colorIndexByRun = new Map<number, number>();
    for (const series of data.series) {
      const runIndex = series.runIndex ?? 0;
      const colorIndex = colorIndexByRun.get(runIndex) ?? 0;
      colorIndexByRun.set(runIndex, colorIndex + 1);
      const { color, pointStyle, borderDash } = seriesStyle(theme.palette, colorIndex, runIndex);
      const points = plotPoints(series, view.line, view.band === 'none' ? 'min-max' : view.band, logX, logY, floor);

      const line = reuse(series.key, 'line');
      Object.assign(line, {
        label: series.label,
        data: points,
        borderColor: color,
        backgroundColor: color,
        borderWidth: theme.highContrast ? 2.5 : 1.75,
        borderDash,
        pointStyle,
        pointRadius: data.curves ? 0 : 3,
        pointHoverRadius: 5,
        fill: false,
        spanGaps: false,
      });
      datasets.push(line);
      if (!showBand) continue;
      // The band: the upper edge filled down to the lower edge (the next dataset).
      // Many overlapping bands turn into mud: the more lines, the fainter each band.
      const fillColor = withAlpha(color, theme.bandAlpha * Math.min(1, 4 / data.series.length));
      const upper = reuse(series.key, 'upper');
      Object.assign(upper, bandEdge(points, 'high', fillColor), { fill: '+1' });
      const lower = reuse(series.key, 'lower');
      Object.assign(lower, bandEdge(points, 'low', fillColor), { fill: false });
      datasets.push(upper, lower);
    }
    datasets.push(...this.theoryLines(data, datasets, reuse, logX, logY));
    this.chart.data.datasets = datasets;

    const options = this.chart.options;
    options.plugins!.lthBackground = { color: theme.background };
    options.plugins!.legend!.labels!.color = theme.foreground;
    // Markers tell lines apart once colours repeat: then the legend shows them.
    options.plugins!.legend!.labels!.usePointStyle = [...colorIndexByRun.values()].some((count) => count > theme.palette.length);
    const xs = data.series.flatMap((series) => series.points.map((point) => point.x));
    const ys = datasets.flatMap((dataset) => dataset.data.map((point) => point.y ?? Number.NaN));
    const xTicks = data.curves ? {} : gridTickOptions(xs, logX);
    options.scales = {
      x: { type: logX ? 'logarithmic' : 'linear', ...themedAxis(theme, data.xLabel, 'afterBuildTicks' in xTicks || !logX ? xTicks : logAxisOptions(xs)) },
      y: {
        type: logY ? 'logarithmic' : 'linear',
        ...themedAxis(theme, yAxisLabel(data, view.line), logY ? logAxisOptions(ys) : data.metric === 'successRate' && !data.curves ? { min: 0, max: 1 } : {}),
      },
    } as typeof options.scales;
    this.chart.update(themeChanged ? undefined : 'none');
  }

  /** The theory's prediction for each measured line, dashed in that line's colour (no legend entry: the caption says what it is). */
  private theoryLines(data: LineChartData, lines: readonly LineDataset[], reuse: (key: string, role: Role) => LineDataset, logX: boolean, logY: boolean): LineDataset[] {
    const colorOf = new Map(lines.filter(isLine).map((dataset) => [roles.get(dataset)?.key, dataset.borderColor]));
    return (data.theory?.lines ?? []).flatMap((line) => {
      const color = colorOf.get(line.key);
      if (color === undefined) return [];
      const dataset = reuse(line.key, 'theory');
      Object.assign(dataset, {
        label: line.label,
        data: line.points.filter((point) => (!logX || point.x > 0) && (!logY || point.y > 0)).map((point) => ({ ...point, count: 0, low: point.y, high: point.y })),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 1.5,
        borderDash: [2, 3],
        pointRadius: 0,
        pointHoverRadius: 3,
        fill: false,
      });
      return [dataset];
    });
  }

  /** A legend click hides or shows a whole line, band included. */
  private toggleLine(item: LegendItem): void {
    const clicked = this.chart.data.datasets[item.datasetIndex ?? -1];
    const key = clicked && roles.get(clicked)?.key;
    if (key === undefined) return;
    const visible = this.chart.isDatasetVisible(item.datasetIndex as number);
    this.chart.data.datasets.forEach((dataset, index) => {
      if (roles.get(dataset)?.key === key) this.chart.setDatasetVisibility(index, !visible);
    });
    this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
  }
}

/** "Mean …" or "Median …" where each point summarizes trials; a success rate (a mean by definition) and curves as they are. */
function yAxisLabel(data: LineChartData, line: LineStatistic): string {
  if (data.curves || !data.band) return data.yLabel;
  return `${line === 'median' ? 'Median' : 'Mean'} ${data.yLabel.toLowerCase()}`;
}

function isLine(dataset: object | undefined): boolean {
  return dataset !== undefined && roles.get(dataset)?.role === 'line';
}

/**
 * The band around one point: a standard deviation belongs to a mean, so a median gets the
 * range of the trials; and no band reaches past the values the trials took, which keeps it
 * inside the metric's domain (an error's mean − std can be negative, a rate's mean + std over 1).
 */
function bandAround(point: BandPoint, line: LineStatistic, band: BandKind): [low: number, high: number] {
  const [low, high] = bandRange(point, line === 'median' ? 'min-max' : band);
  return [Math.max(low, point.min), Math.min(high, point.max)];
}

/**
 * The points as drawn. On a log axis a value <= 0 cannot be placed: a line's point becomes a
 * gap, a band's lower edge is pinned to the smallest positive value of the chart (the bottom).
 */
function plotPoints(series: LineSeries, line: LineStatistic, band: BandKind, logX: boolean, logY: boolean, floor: number): PlotPoint[] {
  return series.points
    .filter((point) => !logX || point.x > 0)
    .map((point) => {
      const [low, high] = bandAround(point, line, band);
      return {
        x: point.x,
        y: logY && !(point[line] > 0) ? Number.NaN : point[line],
        count: point.count,
        low: logY && !(low > 0) ? floor : low,
        high: logY && !(high > 0) ? floor : high,
      };
    });
}

function bandEdge(points: PlotPoint[], edge: 'low' | 'high', fillColor: string) {
  return {
    label: edge,
    data: points.map((point) => ({ ...point, y: point[edge] })),
    borderColor: 'transparent',
    backgroundColor: fillColor,
    borderWidth: 0,
    borderDash: [],
    pointRadius: 0,
    pointHoverRadius: 0,
  };
}

function smallestPositive(series: readonly LineSeries[]): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const line of series) {
    for (const point of line.points) {
      for (const value of [point.mean, point.median, point.min]) if (value > 0 && value < smallest) smallest = value;
    }
  }
  return Number.isFinite(smallest) ? smallest : 1;
}

function tooltipLabel(item: TooltipItem<'line'>, curves: boolean): string {
  const point = item.raw as PlotPoint;
  const label = item.dataset.label ?? '';
  if (curves) return `${label}: ${formatNumber(point.y ?? Number.NaN)} at iteration ${point.x}`;
  const spread = point.count > 1 ? ` (${point.count} trials, band ${formatNumber(point.low)} – ${formatNumber(point.high)})` : '';
  return `${label}: ${formatNumber(point.y ?? Number.NaN)}${spread}`;
}
