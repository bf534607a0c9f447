// Chart.js with only the parts the panel uses (a smaller bundle), and the one plugin every
// chart shares: an opaque theme-coloured background, so an exported PNG reads the same as
// the panel instead of dark text on a transparent canvas.
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartType,
  type Plugin,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import type { AxisExtra } from './axisTicks';
import type { ChartTheme } from './theme';

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    lthBackground?: { color: string };
  }
}

const backgroundPlugin: Plugin = {
  id: 'lthBackground',
  beforeDraw(chart, _arguments, options: { color?: string }) {
    if (!options.color) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = options.color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

Chart.register(
  LineController,
  ScatterController,
  MatrixController,
  LineElement,
  PointElement,
  MatrixElement,
  LinearScale,
  LogarithmicScale,
  Filler,
  Legend,
  Tooltip,
  backgroundPlugin,
);

/** Global defaults that follow the theme (fonts and text colour reach every part of a chart). */
export function applyThemeDefaults(theme: ChartTheme): void {
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.font.size = theme.fontSize;
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  // Charts update on every live append: animating each would only blur and cost time.
  Chart.defaults.animation = false;
}

/** Axis options in the theme's colours, merged with an axis's own (its tick options included). */
export function themedAxis(theme: ChartTheme, title: string, extra: AxisExtra = {}) {
  return {
    title: { display: true, text: title, color: theme.foreground },
    grid: { color: theme.grid },
    border: { color: theme.grid },
    ...extra,
    ticks: { color: theme.foreground, ...extra.ticks },
  };
}

export { Chart };
