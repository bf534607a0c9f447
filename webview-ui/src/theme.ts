// The colours and font the charts use, read from VS Code's theme variables (through the
// --lth-* fallbacks of styles.css, so a plain page gets a readable theme too). Canvas
// drawing cannot use CSS variables, hence this snapshot, re-read when the theme changes.

export interface ChartTheme {
  foreground: string;
  background: string;
  /** Grid lines and borders: the foreground, faint. */
  grid: string;
  fontFamily: string;
  fontSize: number;
  /** Distinct series colours, in the order lines get them (VS Code's six chart colours, then the text colour). */
  palette: string[];
  /** Opacity of band fills; high contrast themes need them stronger. */
  bandAlpha: number;
  highContrast: boolean;
}

const PALETTE_VARIABLES = ['--lth-chart-1', '--lth-chart-2', '--lth-chart-3', '--lth-chart-4', '--lth-chart-5', '--lth-chart-6'];

function variable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = variable(style, '--lth-foreground', '#333333');
  return {
    foreground,
    background: variable(style, '--lth-background', '#ffffff'),
    grid: withAlpha(foreground, highContrast ? 0.35 : 0.15),
    fontFamily: variable(style, '--lth-font-family', 'sans-serif'),
    fontSize: Number.parseFloat(variable(style, '--lth-font-size', '13')) || 13,
    palette: [...PALETTE_VARIABLES.map((name, index) => variable(style, name, ['#1a85ff', '#d18616', '#388a34', '#e51400', '#652d90', '#bf8803'][index])), foreground],
    bandAlpha: highContrast ? 0.3 : 0.15,
    highContrast,
  };
}

let colorContext: CanvasRenderingContext2D | null = null;

/** Any CSS colour (named, hex, rgb) as the canvas normalizes it: '#rrggbb' or 'rgba(r, g, b, a)'. */
function normalize(color: string): string {
  colorContext ??= document.createElement('canvas').getContext('2d');
  if (!colorContext) return color;
  colorContext.fillStyle = '#000000'; // an invalid colour leaves the previous one: make that black
  colorContext.fillStyle = color;
  return colorContext.fillStyle;
}

/** Any CSS colour with the given opacity, as rgba(). */
export function withAlpha(color: string, alpha: number): string {
  const [red, green, blue] = rgbOf(normalize(color));
  return `rgba(${red}, ${green}, ${blue}, ${alpha})`;
}

function rgbOf(normalized: string): [number, number, number] {
  if (normalized.startsWith('#')) {
    return [1, 3, 5].map((start) => Number.parseInt(normalized.slice(start, start + 2), 16)) as [number, number, number];
  }
  const [red = 0, green = 0, blue = 0] = normalized.match(/[\d.]+/g)?.map(Number) ?? [];
  return [red, green, blue];
}

/** The colour a fraction of the way from `from` to `to` (both any CSS colour), for the heatmap scale. */
export function mixColors(from: string, to: string, fraction: number): string {
  const start = rgbOf(normalize(from));
  const end = rgbOf(normalize(to));
  const channel = (index: number) => Math.round(start[index] + (end[index] - start[index]) * fraction);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/** Calls `onChange` whenever VS Code switches theme (it swaps the body's vscode-* classes). */
export function watchThemeChanges(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
}
