// A trial's K × d weight matrices drawn as heatmaps on a plain canvas (one cell per weight:
// Chart.js adds nothing for a picture this dense): positive weights in the theme's first series
// colour, negative in its second, the stronger the larger |w|, on one scale for teacher and
// student so they compare at a glance; every entry the student's mask keeps is marked with a dot.
import type { TrialWeights } from '../../src/shared/protocol';
import { formatNumber } from '../../src/shared/formatNumber';
import { element } from './dom';
import { mixColors, type ChartTheme } from './theme';

/** Pixels per weight: at least 3 so the marks read, at most 24 so a small K × d is not a poster. */
function cellSize(columns: number, width: number): number {
  return Math.max(3, Math.min(24, Math.floor(width / columns)));
}

export function weightColor(theme: ChartTheme, value: number, largest: number): string {
  if (largest === 0 || value === 0) return theme.background;
  return mixColors(theme.background, value > 0 ? theme.palette[0] : theme.palette[1], 0.15 + 0.85 * Math.min(1, Math.abs(value) / largest));
}

export function renderWeightMatrices(weights: TrialWeights, theme: ChartTheme, availableWidth: number): HTMLElement {
  const { rows, columns, kept } = weights;
  const largest = Math.max(0, ...weights.matrices.flatMap((matrix) => matrix.values.map(Math.abs)));
  const size = cellSize(columns, availableWidth);
  const keptCount = kept.reduce((sum, value) => sum + value, 0);
  const figures = weights.matrices.map((matrix) => {
    const canvas = element('canvas', {
      className: 'weight-matrix',
      role: 'img',
      'aria-label': `${matrix.label}: ${rows} × ${columns} weights, ${keptCount} entries kept by the mask (dotted)`,
      'data-rows': String(rows),
      'data-columns': String(columns),
      'data-kept': String(keptCount),
    });
    canvas.width = columns * size;
    canvas.height = rows * size;
    const context = canvas.getContext('2d');
    if (context) {
      for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
          const index = row * columns + column;
          context.fillStyle = weightColor(theme, matrix.values[index], largest);
          context.fillRect(column * size, row * size, size, size);
          if (kept[index] === 1) {
            context.fillStyle = theme.foreground;
            context.beginPath();
            context.arc((column + 0.5) * size, (row + 0.5) * size, Math.max(0.8, size / 6), 0, 2 * Math.PI);
            context.fill();
          }
        }
      }
    }
    return element('figure', { className: 'weight-figure' }, [canvas, element('figcaption', { text: `${matrix.label} (K = ${rows} rows × d = ${columns} columns)` })]);
  });
  const legend = element('p', { className: 'chart-definition' });
  legend.textContent =
    `Colour: the weight's sign (first colour positive, second negative) and size (full colour at |w| = ${formatNumber(largest)}); ` +
    `a dot: an entry the student's mask keeps (${keptCount} of ${rows * columns}). Student rows are matched to teacher rows (the mask of row j is built from teacher row j).`;
  return element('div', { className: 'weight-matrices' }, [...figures, legend]);
}
