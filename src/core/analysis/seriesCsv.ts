// A chart's data as a table, one row per plotted point: what "Export data" saves as CSV
// (RFC 4180: comma separated, quoted when needed, CRLF line ends) and what the panel's
// accessible data table shows. Pure (no Node APIs).
import type { ChartData, HeatmapChartData, ImageChartData, LineChartData } from './chartData';

export type TableCell = string | number | null | undefined;

export interface ChartTable {
  header: string[];
  rows: TableCell[][];
}

function lineChartTable(chart: LineChartData): ChartTable {
  // Only the axes some line is grouped by become columns, in the order the lines name them.
  const groupAxes = [...new Set(chart.series.flatMap((series) => Object.keys(series.group)))];
  const rows = chart.series.flatMap((series) =>
    series.points.map((point) => {
      const groupColumns = groupAxes.map((axis) => series.group[axis]);
      return chart.curves
        ? [series.label, ...groupColumns, point.x, point.mean]
        : [series.label, ...groupColumns, point.x, point.count, point.mean, point.median, point.std, point.min, point.max];
    }),
  );
  // Statistics are named after their metric, so that tables of several metrics keep them apart.
  const statistic = (name: string) => `${chart.metric}_${name}`;
  const header = chart.curves
    ? ['series', ...groupAxes, 'iteration', chart.metric]
    : ['series', ...groupAxes, chart.xLabel, 'trials', ...['mean', 'median', 'std', 'min', 'max'].map(statistic)];
  return { header, rows };
}

function heatmapTable(chart: HeatmapChartData): ChartTable {
  const crossings = new Map(chart.boundary.crossings.map((crossing) => [crossing.nonzerosPerNeuron, crossing]));
  const rows = chart.cells.map((cell) => {
    const crossing = crossings.get(cell.nonzerosPerNeuron);
    return [cell.nonzerosPerNeuron, cell.samples, cell.trials, cell.successes, cell.successRate, crossing?.status, crossing?.criticalSamples];
  });
  return { header: ['nonzerosPerNeuron', 'samples', 'trials', 'successes', 'successRate', 'boundaryStatus', 'boundarySamples'], rows };
}

function imageTable(chart: ImageChartData): ChartTable {
  const rows = chart.images.flatMap((image) => image.values.map((value, index) => [image.label, Math.floor(index / chart.width), index % chart.width, value]));
  return { header: ['image', 'row', 'column', chart.valueLabel], rows };
}

export function chartTable(chart: ChartData): ChartTable {
  if (chart.kind === 'line') return lineChartTable(chart);
  return chart.kind === 'heatmap' ? heatmapTable(chart) : imageTable(chart);
}

function csvField(value: TableCell): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv({ header, rows }: ChartTable): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function chartCsv(chart: ChartData): string {
  return toCsv(chartTable(chart));
}

/**
 * Several charts in one table: a `chart` column (the chart's title), then every column any
 * chart has, in order of first appearance; a chart leaves the others' columns empty.
 */
export function chartsCsv(charts: readonly ChartData[]): string {
  const tables = charts.map((chart) => ({ title: chart.title, table: chartTable(chart) }));
  const header = [...new Set(tables.flatMap(({ table }) => table.header))];
  const rows = tables.flatMap(({ title, table }) => {
    const columnOf = header.map((name) => table.header.indexOf(name));
    return table.rows.map((row) => [title, ...columnOf.map((column) => (column === -1 ? undefined : row[column]))]);
  });
  return toCsv({ header: ['chart', ...header], rows });
}
