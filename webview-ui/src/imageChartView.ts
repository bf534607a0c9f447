// Small pictures side by side on one canvas (a matrix chart): pixel values coloured from the
// background (none) to the theme's first chart colour (the picture's largest value), each picture
// named under it. What the lottery-ticket family draws its first-layer masks with.
import type { ChartDataset, TooltipItem } from 'chart.js';
import type { ImageChartData } from '../../src/core/analysis/chartData';
import { formatNumber } from '../../src/shared/formatNumber';
import { Chart, themedAxis } from './chartSetup';
import { mixColors, type ChartTheme } from './theme';

interface PixelPoint {
  x: number;
  y: number;
  value: number;
  /** value / the picture's largest value. */
  shade: number;
  image: string;
  row: number;
  column: number;
}

/** Blank columns between two pictures. */
const GAP = 3;

/** The colour of a pixel: a faint tint of the background for 0, the first chart colour for the picture's most. */
export function pixelColor(theme: ChartTheme, shade: number): string {
  return mixColors(theme.background, theme.palette[0], 0.04 + 0.96 * shade);
}

export class ImageChartView {
  readonly chart: Chart;
  private theme: ChartTheme;
  private valueLabel = '';

  constructor(canvas: HTMLCanvasElement, data: ImageChartData, theme: ChartTheme) {
    this.theme = theme;
    const pixels = {
      type: 'matrix',
      label: 'pixels',
      data: [] as PixelPoint[],
      anchorX: 'left',
      anchorY: 'top',
      borderWidth: 0,
      width: ({ chart }: { chart: Chart }) => (chart.chartArea ? Math.abs(chart.scales.x.getPixelForValue(1) - chart.scales.x.getPixelForValue(0)) + 0.5 : 0),
      height: ({ chart }: { chart: Chart }) => (chart.chartArea ? Math.abs(chart.scales.y.getPixelForValue(1) - chart.scales.y.getPixelForValue(0)) + 0.5 : 0),
      backgroundColor: ({ raw }: { raw?: PixelPoint }) => pixelColor(this.theme, raw?.shade ?? 0),
    };
    this.chart = new Chart(canvas, {
      type: 'matrix',
      data: { datasets: [pixels as unknown as ChartDataset<'matrix'>] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: () => '', label: (item) => this.tooltip(item) } } },
      },
    });
    this.update(data, theme);
  }

  update(data: ImageChartData, theme: ChartTheme): void {
    this.theme = theme;
    this.valueLabel = data.valueLabel;
    const stride = data.width + GAP;
    const points: PixelPoint[] = data.images.flatMap((image, index) => {
      const most = Math.max(...image.values, 0);
      return image.values.map((value, pixel) => {
        const row = Math.floor(pixel / data.width);
        const column = pixel % data.width;
        return { x: index * stride + column, y: row, value, shade: most > 0 ? value / most : 0, image: image.label, row, column };
      });
    });
    this.chart.data.datasets[0].data = points as never;
    const width = Math.max(1, data.images.length * stride - GAP);
    const options = this.chart.options;
    options.plugins!.lthBackground = { color: theme.background };
    options.scales = {
      x: {
        type: 'linear',
        min: 0,
        max: width,
        offset: false,
        ...themedAxis(theme, '', {
          grid: { display: false },
          afterBuildTicks: (axis: { ticks: Array<{ value: number }> }) => {
            axis.ticks = data.images.map((_, index) => ({ value: index * stride + data.width / 2 }));
          },
          ticks: { callback: (value: number | string) => data.images[Math.round((Number(value) - data.width / 2) / stride)]?.label ?? '', maxRotation: 0, autoSkip: false },
        }),
      },
      y: { type: 'linear', min: 0, max: data.height, reverse: true, offset: false, display: false },
    } as typeof options.scales;
    this.chart.update('none');
  }

  private tooltip(item: TooltipItem<'matrix'>): string {
    const pixel = item.raw as PixelPoint;
    return `${pixel.image}, pixel (${pixel.row}, ${pixel.column}): ${formatNumber(pixel.value)} ${this.valueLabel}`;
  }

  destroy(): void {
    this.chart.destroy();
  }
}
