// The success-rate heatmap over (r, N) with the fitted boundary N* = a·r + b drawn on the
// same numeric axes (so the line is straight where the theory says it is), and the
// per-r crossings as markers, and the theory's N* = c·r with its band. Cells span half-way to
// their neighbours in their own r column (an adaptive search probes different N per r).
import type { ChartDataset, Plugin, Scale, TooltipItem } from 'chart.js';
import type { HeatmapChartData } from '../../src/core/analysis/chartData';
import { predictedSuccess, type BoundaryTheory } from '../../src/core/families/teacher-student/theory/boundaryTheory';
import { formatNumber } from '../../src/shared/formatNumber';
import { gridTickOptions } from './axisTicks';
import { Chart, themedAxis } from './chartSetup';
import { boundaryEquation, theoryEquation } from './chartText';
import { mixColors, withAlpha, type ChartTheme } from './theme';

export interface HeatmapView {
  logN: boolean;
}

interface CellPoint {
  /** Top-left corner in data units (the matrix element is anchored there). */
  x: number;
  y: number;
  right: number;
  bottom: number;
  rate: number;
  r: number;
  samples: number;
  trials: number;
  successes: number;
  /** The theory's success rate here, when the chart has a theory. */
  predicted?: number;
}

const BOUNDARY_SAMPLES = 32;

/** Each grid value's cell [start, end]: half-way to the neighbours (geometric half-way on a log axis). */
function cellExtents(values: readonly number[], log: boolean): Map<number, [number, number]> {
  const forward = (value: number) => (log ? Math.log(value) : value);
  const back = (value: number) => (log ? Math.exp(value) : value);
  const coordinates = values.map(forward);
  const extents = new Map<number, [number, number]>();
  coordinates.forEach((coordinate, index) => {
    const previous = coordinates[index - 1];
    const next = coordinates[index + 1];
    const halfBefore = previous !== undefined ? (coordinate - previous) / 2 : next !== undefined ? (next - coordinate) / 2 : 0.5;
    const halfAfter = next !== undefined ? (next - coordinate) / 2 : halfBefore;
    extents.set(values[index], [back(coordinate - halfBefore), back(coordinate + halfAfter)]);
  });
  return extents;
}

/** The success colour scale: from a faint tint of the background (0) to the theme's first chart colour (1). */
export function successColor(theme: ChartTheme, rate: number): string {
  return mixColors(theme.background, theme.palette[0], 0.08 + 0.92 * rate);
}

export class HeatmapChartView {
  readonly chart: Chart;
  private theme: ChartTheme;

  /** `pick`: a click on a cell (its r and N). */
  constructor(canvas: HTMLCanvasElement, data: HeatmapChartData, view: HeatmapView, theme: ChartTheme, pick?: (cell: { nonzerosPerNeuron: number; samples: number }) => void) {
    this.theme = theme;
    const pixelSpan = (scale: Scale, from: number, to: number) => Math.abs(scale.getPixelForValue(to) - scale.getPixelForValue(from));
    const cellDataset = {
      type: 'matrix',
      label: 'success rate',
      order: 1, // under the boundary (a lower order is drawn later, on top)
      data: [] as CellPoint[],
      anchorX: 'left',
      anchorY: 'top',
      borderWidth: 1,
      // Chart.js also resolves these without a data point (shared options): no size then.
      width: ({ chart, raw }: { chart: Chart; raw?: CellPoint }) => (chart.chartArea && raw ? pixelSpan(chart.scales.x, raw.x, raw.right) : 0),
      height: ({ chart, raw }: { chart: Chart; raw?: CellPoint }) => (chart.chartArea && raw ? pixelSpan(chart.scales.y, raw.bottom, raw.y) : 0),
      backgroundColor: ({ raw }: { raw: CellPoint }) => successColor(this.theme, raw?.rate ?? 0),
      borderColor: () => this.theme.grid,
    };
    this.chart = new Chart(canvas, {
      type: 'matrix',
      data: { datasets: [cellDataset as unknown as ChartDataset<'matrix'>] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        onClick: (_event, elements) => {
          const cell = elements.find((found) => found.datasetIndex === 0);
          const raw = cell && (this.chart.data.datasets[0].data[cell.index] as unknown as CellPoint | undefined);
          if (pick && raw) pick({ nonzerosPerNeuron: raw.r, samples: raw.samples });
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, filter: (item) => item.datasetIndex !== 0 && item.text !== '' } },
          tooltip: { callbacks: { label: (item) => tooltipLabel(item) } },
        },
      },
      plugins: [this.cellLabels()],
    });
    this.update(data, view, theme);
  }

  update(data: HeatmapChartData, view: HeatmapView, theme: ChartTheme): void {
    this.theme = theme;
    const logN = view.logN && data.sampleValues.every((value) => value > 0);
    const rExtents = cellExtents(data.rValues, false);
    // Each r's column is cut at its own N values: an adaptive search probes different N per r, and a grid gives every r the same.
    const sampleExtentsByR = new Map(
      data.rValues.map((r) => [r, cellExtents(data.cells.filter((cell) => cell.nonzerosPerNeuron === r).map((cell) => cell.samples), logN)]),
    );
    const cells: CellPoint[] = data.cells.flatMap((cell) => {
      const rExtent = rExtents.get(cell.nonzerosPerNeuron);
      const sampleExtent = sampleExtentsByR.get(cell.nonzerosPerNeuron)?.get(cell.samples);
      if (!rExtent || !sampleExtent) return [];
      return [{ x: rExtent[0], right: rExtent[1], y: sampleExtent[1], bottom: sampleExtent[0], rate: cell.successRate,
        r: cell.nonzerosPerNeuron, samples: cell.samples, trials: cell.trials, successes: cell.successes,
        ...(data.theory ? { predicted: predictedSuccess(data.theory, cell.nonzerosPerNeuron, cell.samples) } : {}) }];
    });

    const [rMin, rMax] = [rExtents.get(data.rValues[0])?.[0] ?? 0, rExtents.get(data.rValues[data.rValues.length - 1])?.[1] ?? 1];
    const sampleExtents = cellExtents(data.sampleValues, logN);
    const columnEnds = [...sampleExtentsByR.values()].flatMap((extents) => [...extents.values()]);
    const nMin = Math.min(sampleExtents.get(data.sampleValues[0])?.[0] ?? 0, ...columnEnds.map(([low]) => low));
    const nMax = Math.max(sampleExtents.get(data.sampleValues[data.sampleValues.length - 1])?.[1] ?? 1, ...columnEnds.map(([, high]) => high));

    const datasets = this.chart.data.datasets;
    datasets[0].data = cells as never;
    datasets.length = 1;
    const { fit, crossings } = data.boundary;
    if (fit) {
      const line = [];
      for (let step = 0; step <= BOUNDARY_SAMPLES; step++) {
        const r = rMin + ((rMax - rMin) * step) / BOUNDARY_SAMPLES;
        const samples = fit.slope * r + fit.intercept;
        // Clipped to the grid: the line means nothing outside it, and a log axis cannot take N <= 0.
        if (samples >= nMin && samples <= nMax) line.push({ x: r, y: samples });
      }
      datasets.push({
        type: 'line',
        label: `fit ${boundaryEquation(fit.slope, fit.intercept)} (R² = ${fit.rSquared.toFixed(3)})`,
        data: line,
        order: 0,
        borderColor: theme.foreground,
        backgroundColor: theme.foreground,
        borderWidth: 2,
        borderDash: [6, 4],
        pointStyle: 'line', // what the legend shows; the points themselves are not drawn
        pointRadius: 0,
      } as never);
    }
    if (data.theory) datasets.push(...(theoryDatasets(data.theory, [rMin, rMax], [nMin, nMax], theme) as never[]));
    const crossed = crossings.filter((crossing) => crossing.criticalSamples !== null);
    datasets.push({
      type: 'scatter',
      label: 'N*(r): success crosses 50%',
      data: crossed.map((crossing) => ({ x: crossing.nonzerosPerNeuron, y: crossing.criticalSamples as number })),
      order: 0,
      borderColor: theme.foreground,
      backgroundColor: theme.background,
      pointStyle: 'circle',
      pointRadius: 4,
      borderWidth: 2,
    } as never);

    const options = this.chart.options;
    options.plugins!.lthBackground = { color: theme.background };
    options.plugins!.legend!.labels!.color = theme.foreground;
    options.scales = {
      x: { type: 'linear', min: rMin, max: rMax, offset: false, ...themedAxis(theme, 'Non-zeros per neuron r', { ...gridTickOptions(data.rValues, false), grid: { display: false } }) },
      y: {
        type: logN ? 'logarithmic' : 'linear',
        min: nMin,
        max: nMax,
        bounds: 'data',
        reverse: false,
        offset: false,
        ...themedAxis(theme, 'Training samples N', { ...gridTickOptions(data.sampleValues, logN), grid: { display: false } }),
      },
    } as typeof options.scales;
    this.chart.update('none');
  }

  /** Writes each cell's success percentage in it when the cell is big enough to hold it. */
  private cellLabels(): Plugin {
    return {
      id: 'lthCellLabels',
      afterDatasetDraw: (chart, { index, meta }) => {
        if (index !== 0) return;
        const { ctx } = chart;
        const cells = chart.data.datasets[0].data as unknown as CellPoint[];
        ctx.save();
        ctx.font = `${Math.round(this.theme.fontSize * 0.85)}px ${this.theme.fontFamily}`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        meta.data.forEach((element, cellIndex) => {
          const { x, y, width, height } = element.getProps(['x', 'y', 'width', 'height'], true) as Record<string, number>;
          const cell = cells[cellIndex];
          if (!cell || width < 30 || height < 14) return;
          ctx.fillStyle = cell.rate > 0.55 ? this.theme.background : this.theme.foreground;
          ctx.fillText(`${Math.round(cell.rate * 100)}%`, x + width / 2, y + height / 2);
        });
        ctx.restore();
      },
    };
  }

  destroy(): void {
    this.chart.destroy();
  }
}

/**
 * The theory's line N* = c·r and its 95% bootstrap band [c_low·r, c_high·r] (open above when the
 * bootstrap could not bound it), drawn over the grid's r range and clipped to its N range.
 */
function theoryDatasets(theory: BoundaryTheory, [rMin, rMax]: [number, number], [nMin, nMax]: [number, number], theme: ChartTheme): object[] {
  const along = (constant: number) => {
    const points = [];
    for (let step = 0; step <= BOUNDARY_SAMPLES; step++) {
      const r = rMin + ((rMax - rMin) * step) / BOUNDARY_SAMPLES;
      points.push({ x: r, y: Math.min(nMax, Math.max(nMin, constant * r)) });
    }
    return points;
  };
  const { low, high } = theory.constantInterval;
  const bandColor = withAlpha(theme.palette[1 % theme.palette.length], 0.25);
  const edge = { type: 'line', order: 0, borderWidth: 0, borderColor: 'transparent', pointRadius: 0, pointHoverRadius: 0, backgroundColor: bandColor };
  return [
    { ...edge, label: '95% band of c', data: along(high ?? nMax / Math.max(rMin, 1e-9)), fill: '+1' },
    { ...edge, label: '', data: along(low), fill: false },
    {
      type: 'line',
      label: theoryEquation(theory),
      data: along(theory.constant),
      order: 0,
      borderColor: theme.palette[1 % theme.palette.length],
      backgroundColor: bandColor,
      borderWidth: 2,
      borderDash: [2, 3],
      pointStyle: 'line',
      pointRadius: 0,
    },
  ];
}

function tooltipLabel(item: TooltipItem<'matrix'>): string {
  if (item.datasetIndex === 0) {
    const cell = item.raw as CellPoint;
    const measured = `r = ${cell.r}, N = ${cell.samples}: ${Math.round(cell.rate * 100)}% success (${cell.successes}/${cell.trials} trials)`;
    return cell.predicted === undefined ? measured : `${measured}; theory predicts ${Math.round(cell.predicted * 100)}%`;
  }
  const point = item.raw as { x: number; y: number };
  return `r = ${formatNumber(point.x)}: N* ≈ ${formatNumber(point.y)}`;
}
