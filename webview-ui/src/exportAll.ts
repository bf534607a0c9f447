// "Export chart / data" for the whole panel (the extension's export-request): every chart
// drawn onto one PNG, titled, two to a row, on the theme's background.
import type { ChartTheme } from './theme';

export interface ChartImage {
  title: string;
  canvas: HTMLCanvasElement;
}

const COLUMNS = 2;

/** One PNG (base64, without the data: prefix) holding all the charts' canvases. */
export function composeChartsPng(charts: readonly ChartImage[], theme: ChartTheme): string {
  if (charts.length === 0) throw new Error('there are no charts to export yet');
  const scale = window.devicePixelRatio || 1;
  const padding = Math.round(12 * scale);
  const titleHeight = Math.round(theme.fontSize * 1.8 * scale);
  const cellWidth = Math.max(...charts.map((chart) => chart.canvas.width));
  const cellHeight = Math.max(...charts.map((chart) => chart.canvas.height)) + titleHeight;
  const columns = Math.min(COLUMNS, charts.length);
  const rows = Math.ceil(charts.length / columns);

  const sheet = document.createElement('canvas');
  sheet.width = columns * cellWidth + (columns + 1) * padding;
  sheet.height = rows * cellHeight + (rows + 1) * padding;
  const context = sheet.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas to draw the export on');
  context.fillStyle = theme.background;
  context.fillRect(0, 0, sheet.width, sheet.height);
  context.fillStyle = theme.foreground;
  context.font = `600 ${Math.round(theme.fontSize * 1.1 * scale)}px ${theme.fontFamily}`;
  context.textBaseline = 'middle';
  charts.forEach((chart, index) => {
    const left = padding + (index % columns) * (cellWidth + padding);
    const top = padding + Math.floor(index / columns) * (cellHeight + padding);
    context.fillText(chart.title, left, top + titleHeight / 2, cellWidth);
    context.drawImage(chart.canvas, left, top + titleHeight);
  });
  const dataUrl = sheet.toDataURL('image/png');
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}
