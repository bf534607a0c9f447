// What a chart of the panel (and of `lth report`) draws: a family's buildChart produces these,
// the webview draws them and seriesCsv turns them into tables. Pure data, no behaviour.
import type { Scale } from '../families/experimentFamily';
import type { PhaseBoundary } from '../families/teacher-student/phaseBoundary';
import type { BoundaryTheory } from '../families/teacher-student/theory/boundaryTheory';
import type { Description } from './statistics';

/** A metric over the trials at one x: its mean (the line) and spread (the band); `count` = trials with a value here. */
export interface BandPoint extends Description {
  x: number;
}

export interface LineSeries {
  /** Stable identity of the line across updates (its group values). */
  key: string;
  label: string;
  /** The values of the grouping axes this line stands for. */
  group: Record<string, number>;
  /** By increasing x. */
  points: BandPoint[];
  /** Which of several overlaid runs the line belongs to (0 when there is one run). */
  runIndex?: number;
  /** Record fields beyond its group that its trials share (e.g. the variant of a pruning round). */
  where?: Record<string, string>;
}

export interface LineChartData {
  kind: 'line';
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  /** The metric on the y axis (its registry name), and how the axes are drawn by default. */
  metric: string;
  xScale: Scale;
  yScale: Scale;
  /** Whether the spread over trials is drawn as a band. */
  band: boolean;
  /** The statistic the lines always go through (the metric's MetricDefinition.line); absent: the panel's Line setting. */
  line?: 'median';
  /** Single trials' curves (against iteration) rather than a metric summarized over trials. */
  curves: boolean;
  series: LineSeries[];
  /**
   * Where the trials behind a point are, for charts whose points summarize trials: the record
   * field on x and the part of the grid the chart fixes (a point's trials: these, its line's group, its x).
   */
  pointTrials?: { x: string; filter: Record<string, number> };
  /** What the theory predicts beside the measured lines (e.g. the rate's trend in r), when the chart has a theory. */
  theory?: TheoryOverlay;
}

/** A prediction per measured line (same key), drawn dashed in that line's colour, and the fitted constants in words. */
export interface TheoryOverlay {
  caption: string;
  lines: Array<{ key: string; label: string; points: Array<{ x: number; y: number }> }>;
}

/** One (r, N) cell of the success grid, trials pooled over any other axis the filter leaves free. */
export interface SuccessCell {
  nonzerosPerNeuron: number;
  samples: number;
  trials: number;
  successes: number;
  successRate: number;
}

/** The success rate over the (r, N) grid with the phase boundary (teacher-student). */
export interface HeatmapChartData {
  kind: 'heatmap';
  id: string;
  title: string;
  /** Every r and N of the grid (also those without trials yet), sorted. */
  rValues: number[];
  sampleValues: number[];
  cells: SuccessCell[];
  boundary: PhaseBoundary;
  /** The theory's N* = c·r with its bootstrap band, when some r crosses 50% (absent in charts of older versions). */
  theory?: BoundaryTheory | null;
  /** The part of the grid the chart fixes (a cell's trials: these, its r and its N). */
  filter?: Record<string, number>;
}

/** Pictures of per-pixel values side by side (e.g. how many kept weights each input pixel feeds, per pruning round). */
export interface ImageChartData {
  kind: 'image';
  id: string;
  title: string;
  /** Pixels per image row, and rows per image. */
  width: number;
  height: number;
  /** What a pixel's value counts, for the colour scale and tooltips. */
  valueLabel: string;
  /** Each image's pixels row by row (height × width values). */
  images: Array<{ label: string; values: number[] }>;
}

export type ChartData = LineChartData | HeatmapChartData | ImageChartData;
