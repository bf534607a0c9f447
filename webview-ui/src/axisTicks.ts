// Tick placement Chart.js gets wrong for this data: its log-scale tick generator breaks
// down over the 20+ decades between a failed trial's error and an exact recovery (it
// yields NaN ticks and an axis from 0), so log axes get explicit decade bounds and ticks.
// Sweep axes with few values get a tick at each grid value (the Ns actually run), thinned
// where they crowd (the large values of a log axis, any in a narrow panel) so no two labels overlap.
import type { CartesianScaleOptions, FontSpec, Scale, Tick } from 'chart.js';
import { toFont } from 'chart.js/helpers';
import { formatNumber } from '../../src/shared/formatNumber';

/** Options merged into a Chart.js axis (see themedAxis). */
export type AxisExtra = Record<string, unknown> & { ticks?: object };

/** At most this many labelled decades on a log axis; more are thinned to every k-th. */
const MAX_DECADE_LABELS = 8;
/** A sweep axis with at most this many distinct values is labelled at each of them. */
const MAX_GRID_TICKS = 12;
/** Pixels kept free between two tick labels. */
const LABEL_GAP = 6;

/** A log axis from the decade at or below the smallest positive value to the one at or above the largest. */
export function logAxisOptions(values: Iterable<number>): AxisExtra {
  let smallest = Number.POSITIVE_INFINITY;
  let largest = 0;
  for (const value of values) {
    if (!(value > 0) || !Number.isFinite(value)) continue;
    smallest = Math.min(smallest, value);
    largest = Math.max(largest, value);
  }
  if (!Number.isFinite(smallest)) return {};
  const low = Math.floor(Math.log10(smallest));
  const high = Math.max(Math.ceil(Math.log10(largest)), low + 1);
  const step = Math.ceil((high - low) / MAX_DECADE_LABELS);
  const decades: number[] = [];
  for (let exponent = high; exponent >= low; exponent -= step) decades.unshift(exponent);
  return {
    min: 10 ** low,
    max: 10 ** high,
    bounds: 'data',
    afterBuildTicks: (scale: Scale) => {
      scale.ticks = decades.map((exponent) => ({ value: 10 ** exponent, major: true }));
    },
    ticks: { callback: (value: number | string) => formatPowerOfTen(Number(value)) },
  };
}

function formatPowerOfTen(value: number): string {
  const exponent = Math.round(Math.log10(value));
  return exponent >= -3 && exponent <= 4 ? formatNumber(10 ** exponent) : `1e${exponent}`;
}

/** Ticks at each grid value of a sweep axis when there are few (else Chart.js's own). */
export function gridTickOptions(values: Iterable<number>, log: boolean): AxisExtra {
  const grid = [...new Set(values)].filter((value) => !log || value > 0).sort((left, right) => left - right);
  if (grid.length === 0 || grid.length > MAX_GRID_TICKS) return {};
  return {
    afterBuildTicks: (scale: Scale) => {
      const ticks = grid.map((value) => ({ value }));
      scale.ticks = scale.isHorizontal() ? spacedTicks(scale as Scale<CartesianScaleOptions>, ticks, log) : ticks;
    },
    ticks: { callback: (value: number | string) => formatNumber(Number(value)) },
  };
}

/**
 * The ticks, from the smallest up, that leave room for their labels on a horizontal axis.
 * Chart.js's own skipping assumes evenly spaced ticks, and positions are not set up yet when
 * ticks are built: each is placed here from the axis's bounds and width.
 */
function spacedTicks(scale: Scale<CartesianScaleOptions>, ticks: Tick[], log: boolean): Tick[] {
  const coordinate = (value: number) => (log ? Math.log(value) : value);
  const [low, high] = [coordinate(scale.min), coordinate(scale.max)];
  if (!(high > low) || !(scale.width > 0)) return ticks;
  scale.ctx.save();
  // Resolved options: the font is a plain object by now, never the scriptable function the type allows.
  scale.ctx.font = toFont(scale.options.ticks.font as Partial<FontSpec>).string;
  let previousEnd = Number.NEGATIVE_INFINITY;
  const kept = ticks.filter((tick) => {
    const center = ((coordinate(tick.value) - low) / (high - low)) * scale.width;
    const halfWidth = scale.ctx.measureText(formatNumber(tick.value)).width / 2;
    if (center - halfWidth < previousEnd + LABEL_GAP) return false;
    previousEnd = center + halfWidth;
    return true;
  });
  scale.ctx.restore();
  return kept;
}
