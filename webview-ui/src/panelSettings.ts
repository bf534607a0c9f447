// The user's choices, kept across reloads (VS Code's webview state, a report page's
// memory): read back defensively, since a stored state may come from an older version.
import type { BandKind, LineStatistic } from '../../src/core/analysis/series';

export type Layout = 'overlay' | 'side-by-side';

export interface PanelSettings {
  /** A metric of the run's family by its registry name (one it lacks falls back to the family's default). */
  metric: string;
  line: LineStatistic;
  band: BandKind | 'none';
  layout: Layout;
  /** Runs to show: the host's choice from each snapshot, or the user's since (empty: the newest run). */
  selectedRunIds: string[];
  /** N of the per-iteration chart; null = the largest. */
  curveSamples: number | null;
  /** The family's chart target (e.g. a test error to reach); null = its default. */
  target: number | null;
  /** Log toggles per chart (by plan id, shared by the runs shown side by side). */
  scales: Record<string, { logX: boolean; logY: boolean }>;
}

export const DEFAULT_SETTINGS: PanelSettings = {
  metric: 'generalizationError',
  line: 'mean',
  band: 'min-max',
  layout: 'overlay',
  selectedRunIds: [],
  curveSamples: null,
  target: null,
  scales: {},
};

export function readSettings(stored: unknown): PanelSettings {
  const settings: PanelSettings = { ...DEFAULT_SETTINGS, scales: {} };
  if (typeof stored !== 'object' || stored === null) return settings;
  const value = stored as Record<string, unknown>;
  if (typeof value.metric === 'string') settings.metric = value.metric;
  if (value.line === 'mean' || value.line === 'median') settings.line = value.line;
  if (['min-max', 'std', 'none'].includes(value.band as string)) settings.band = value.band as PanelSettings['band'];
  if (value.layout === 'overlay' || value.layout === 'side-by-side') settings.layout = value.layout;
  if (Array.isArray(value.selectedRunIds)) settings.selectedRunIds = value.selectedRunIds.filter((id): id is string => typeof id === 'string');
  if (typeof value.curveSamples === 'number') settings.curveSamples = value.curveSamples;
  if (typeof value.target === 'number' && Number.isFinite(value.target)) settings.target = value.target;
  if (typeof value.scales === 'object' && value.scales !== null) {
    for (const [id, scale] of Object.entries(value.scales as Record<string, unknown>)) {
      const { logX, logY } = (scale ?? {}) as Record<string, unknown>;
      if (typeof logX === 'boolean' && typeof logY === 'boolean') settings.scales[id] = { logX, logY };
    }
  }
  return settings;
}
