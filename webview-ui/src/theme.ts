// The colours and font the charts use, read from VS Code's theme variables (through the
// --lth-* fallbacks of styles.css, so a plain page gets a readable theme too), and series
// colours picked for the background. Canvas drawing cannot use CSS variables, hence this
// snapshot, re-read when the theme changes.

export interface ChartTheme {
  foreground: string;
  background: string;
  /** Grid lines and borders: the foreground, faint. */
  grid: string;
  fontFamily: string;
  fontSize: number;
  /** Distinct series colours, in the order lines get them (see SERIES_PALETTES). */
  palette: readonly string[];
  /** Opacity of band fills; high contrast themes need them stronger. */
  bandAlpha: number;
  highContrast: boolean;
}

/**
 * Twelve series colours per background, all pairwise at least ΔE 25 apart (CIE Lab) and far
 * from the background: Okabe-Ito (colour-blind safe) first, then Tableau's. VS Code's own
 * chart colours are only six, and two of its oranges are near-identical on light themes.
 */
export const SERIES_PALETTES = {
  light: ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#9467bd', '#8c564b', '#7f7f7f', '#bcbd22', '#17becf', '#882255'],
  // Okabe-Ito's yellow reads on a dark background only; the extra colours are Tableau's lighter ones.
  dark: ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#cc79a7', '#d55e00', '#0072b2', '#8cd17d', '#a58cff', '#ff9da7', '#9c755f', '#bab0ac'],
} as const;

function variable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = variable(style, '--lth-foreground', '#333333');
  const background = variable(style, '--lth-background', '#ffffff');
  return {
    foreground,
    background,
    grid: withAlpha(foreground, highContrast ? 0.35 : 0.15),
    fontFamily: variable(style, '--lth-font-family', 'sans-serif'),
    fontSize: Number.parseFloat(variable(style, '--lth-font-size', '13')) || 13,
    palette: SERIES_PALETTES[isDark(background) ? 'dark' : 'light'],
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

/** Whether text on this background would be light (relative luminance below the middle grey's). */
function isDark(color: string): boolean {
  const [red, green, blue] = rgbOf(normalize(color));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 128;
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
