// Reading the LTH Lab panel from inside its webview: VS Code nests each webview in iframes,
// so every frame of the page is asked whether it holds the panel app. The app exposes
// `lthChartFor(canvas)` (webview-ui/src/main.ts), which gives each chart's Chart.js data.
import type { Frame, Page } from 'playwright-core';

export interface LinePoint {
  x: number;
  /** The mean of the metric over the trials at x. */
  y: number;
  /** Trials behind the point. */
  count: number;
}

export interface HeatmapCell {
  r: number;
  samples: number;
  trials: number;
  successes: number;
}

export interface ChartSnapshot {
  /** The plan id, e.g. "metric:samples", "heatmap:". */
  id: string;
  type: string;
  /** Line charts: the mean lines (band edges left out). */
  lines: Array<{ label: string; points: LinePoint[] }>;
  /** Heatmaps: the success cells. */
  cells: HeatmapCell[];
}

export interface PanelSnapshot {
  heading: string;
  status: string;
  message: string;
  error: string;
  charts: ChartSnapshot[];
}

/** Every panel currently rendered in the page (usually one). */
export async function panelSnapshots(page: Page): Promise<PanelSnapshot[]> {
  const snapshots: PanelSnapshot[] = [];
  for (const frame of page.frames()) {
    const snapshot = await panelSnapshotOf(frame).catch(() => undefined); // a frame may be mid-navigation
    if (snapshot) snapshots.push(snapshot);
  }
  return snapshots;
}

// Runs inside the page: no named local functions in here, since tsx (esbuild keepNames) wraps
// them in a `__name` helper that exists only in Node.
function panelSnapshotOf(frame: Frame): Promise<PanelSnapshot | undefined> {
  return frame.evaluate((): PanelSnapshot | undefined => {
    type AnyChart = { config: { type: string }; data: { datasets: Array<{ label?: string; data: unknown[] }> } };
    const chartFor = (globalThis as unknown as { lthChartFor?: (canvas: HTMLCanvasElement) => AnyChart | undefined }).lthChartFor;
    if (typeof chartFor !== 'function') return undefined;
    const charts = Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart-id]')).flatMap((canvas): ChartSnapshot[] => {
      const chart = chartFor(canvas);
      if (!chart) return [];
      const id = canvas.dataset.chartId ?? '';
      const datasets = chart.data.datasets;
      if (chart.config.type === 'matrix') {
        const cells = (datasets[0]?.data ?? []) as Array<Record<string, number>>;
        return [{ id, type: 'matrix', lines: [], cells: cells.map((cell) => ({ r: cell.r, samples: cell.samples, trials: cell.trials, successes: cell.successes })) }];
      }
      const lines = datasets
        .filter((dataset) => dataset.label !== 'low' && dataset.label !== 'high')
        .map((dataset) => ({
          label: dataset.label ?? '',
          points: (dataset.data as Array<Record<string, number>>).map((point) => ({ x: point.x, y: point.y, count: point.count })),
        }));
      return [{ id, type: chart.config.type, lines, cells: [] }];
    });
    const [heading, status, message, error] = ['h1', '.status-line', '.message:not(.error)', '.message.error'].map(
      (selector) => (document.querySelector(selector) as HTMLElement | null)?.innerText.trim() ?? '',
    );
    return { heading, status, message, error, charts };
  });
}

export function describePanels(panels: PanelSnapshot[] | undefined): string {
  if (!panels || panels.length === 0) return 'no LTH Lab panel in any webview frame';
  return panels
    .map((panel) => {
      const charts = panel.charts.map((chart) =>
        chart.type === 'matrix'
          ? `${chart.id} (${chart.cells.length} cells)`
          : `${chart.id} (${chart.lines.length} lines, ${chart.lines.reduce((sum, line) => sum + line.points.length, 0)} points)`,
      );
      const error = panel.error ? `, error "${panel.error}"` : '';
      return `panel "${panel.heading}" status "${panel.status}"${error}, message "${panel.message}", charts [${charts.join(', ')}]`;
    })
    .join(' | ');
}
