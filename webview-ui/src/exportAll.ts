// Chart exports as PNG: the charts drawn onto one image, two to a row, under a caption naming the
// experiment and its run(s), each under its title; the same words go into the PNG's text metadata
// (Title, Description), so the image says what it shows even apart from its caption. "Publication"
// draws them white, in print-sized text, at three times the resolution.
import { withPngText } from '../../src/shared/pngText';
import type { ChartCard } from './chartCard';
import { applyThemeDefaults } from './chartSetup';
import { SERIES_PALETTES, type ChartTheme } from './theme';

/** What the exported image is of. */
export interface ExportCaption {
  experiment: string;
  /** The runs shown, as the panel names them. */
  runs: readonly string[];
}

export interface ChartImage {
  title: string;
  canvas: HTMLCanvasElement;
}

const COLUMNS = 2;
/** Canvas pixels per CSS pixel of a publication export: 300 dpi at a 100-dpi-sized figure. */
export const PUBLICATION_PIXEL_RATIO = 3;

/** White, black text in a common print face at a size that survives shrinking to a column. */
export function publicationTheme(): ChartTheme {
  return {
    foreground: '#000000',
    background: '#ffffff',
    grid: 'rgba(0, 0, 0, 0.15)',
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontSize: 15,
    palette: SERIES_PALETTES.light,
    bandAlpha: 0.15,
    highContrast: false,
  };
}

export function captionText({ experiment, runs }: ExportCaption): string {
  if (runs.length === 0) return `Experiment ${experiment}`;
  return `Experiment ${experiment} · ${runs.length === 1 ? 'run' : 'runs'} ${runs.join(', ')}`;
}

/** The cards' charts as one PNG (base64, without the data: prefix), as shown or for publication. */
export function exportChartsPng(cards: readonly ChartCard[], caption: ExportCaption, shownTheme: ChartTheme, publication: boolean): string {
  if (cards.length === 0) throw new Error('there are no charts to export yet');
  const theme = publication ? publicationTheme() : shownTheme;
  const pixelRatio = publication ? PUBLICATION_PIXEL_RATIO : window.devicePixelRatio || 1;
  // Synchronous from here to the restore: the panel never paints the export's styling.
  if (publication) applyThemeDefaults(theme);
  let images: ChartImage[];
  try {
    images = cards.map((card) => ({ title: card.data.title, canvas: card.renderForExport(theme, pixelRatio) }));
  } finally {
    if (publication) {
      applyThemeDefaults(shownTheme);
      for (const card of cards) card.restoreAfterExport();
    }
  }
  return composeChartsPng(images, caption, theme, pixelRatio);
}

function composeChartsPng(charts: readonly ChartImage[], caption: ExportCaption, theme: ChartTheme, scale: number): string {
  const padding = Math.round(12 * scale);
  const captionHeight = Math.round(theme.fontSize * 1.8 * scale);
  const titleHeight = Math.round(theme.fontSize * 1.8 * scale);
  const cellWidth = Math.max(...charts.map((chart) => chart.canvas.width));
  const cellHeight = Math.max(...charts.map((chart) => chart.canvas.height)) + titleHeight;
  const columns = Math.min(COLUMNS, charts.length);
  const rows = Math.ceil(charts.length / columns);

  const sheet = document.createElement('canvas');
  sheet.width = columns * cellWidth + (columns + 1) * padding;
  sheet.height = captionHeight + rows * cellHeight + (rows + 1) * padding;
  const context = sheet.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas to draw the export on');
  context.fillStyle = theme.background;
  context.fillRect(0, 0, sheet.width, sheet.height);
  context.fillStyle = theme.foreground;
  context.textBaseline = 'middle';
  context.font = `${Math.round(theme.fontSize * scale)}px ${theme.fontFamily}`;
  context.fillText(captionText(caption), padding, padding + captionHeight / 2, sheet.width - 2 * padding);
  context.font = `600 ${Math.round(theme.fontSize * 1.1 * scale)}px ${theme.fontFamily}`;
  charts.forEach((chart, index) => {
    const left = padding + (index % columns) * (cellWidth + padding);
    const top = captionHeight + padding + Math.floor(index / columns) * (cellHeight + padding);
    context.fillText(chart.title, left, top + titleHeight / 2, cellWidth);
    context.drawImage(chart.canvas, left, top + titleHeight);
  });
  const dataUrl = sheet.toDataURL('image/png');
  const png = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (char) => char.charCodeAt(0));
  const tagged = withPngText(png, { Title: charts.map((chart) => chart.title).join('; '), Description: captionText(caption), Software: 'LTH Lab' });
  let binary = '';
  for (let offset = 0; offset < tagged.length; offset += 0x8000) binary += String.fromCharCode(...tagged.subarray(offset, offset + 0x8000));
  return btoa(binary);
}
