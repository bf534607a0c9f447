// Does the panel hold exactly the run's trials? The expectation is computed here from the
// records on disk (not from the panel's own aggregation code), and compared with what the
// charts draw: the success heatmap cell by cell, and the metric-vs-N chart point by point.
import type { ChartSnapshot, PanelSnapshot } from './panelCharts';

interface ExpectedCell {
  samples: number;
  r: number;
  trials: number;
  successes: number;
  meanGeneralizationError: number;
}

function expectedCells(records: Array<Record<string, unknown>>): ExpectedCell[] {
  const cells = new Map<string, ExpectedCell & { sum: number }>();
  for (const record of records) {
    const samples = Number(record.samples);
    const r = Number(record.nonzerosPerNeuron);
    const key = `${r},${samples}`;
    const cell = cells.get(key) ?? { samples, r, trials: 0, successes: 0, meanGeneralizationError: 0, sum: 0 };
    cell.trials += 1;
    cell.successes += record.success === true ? 1 : 0;
    cell.sum += Number(record.generalizationError);
    cells.set(key, cell);
  }
  return [...cells.values()].map(({ sum, ...cell }) => ({ ...cell, meanGeneralizationError: sum / cell.trials }));
}

function closeTo(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

function heatmapProblems(chart: ChartSnapshot, cells: ExpectedCell[]): string[] {
  const problems: string[] = [];
  for (const cell of cells) {
    const shown = chart.cells.find((candidate) => candidate.r === cell.r && candidate.samples === cell.samples);
    if (!shown) problems.push(`heatmap has no cell r=${cell.r}, N=${cell.samples}`);
    else if (shown.trials !== cell.trials || shown.successes !== cell.successes) {
      problems.push(`heatmap cell r=${cell.r}, N=${cell.samples} shows ${shown.successes}/${shown.trials} successes, the run folder has ${cell.successes}/${cell.trials}`);
    }
  }
  const extra = chart.cells.filter((shown) => shown.trials > 0 && !cells.some((cell) => cell.r === shown.r && cell.samples === shown.samples));
  if (extra.length > 0) problems.push(`heatmap shows trials in cells the run folder does not have: ${JSON.stringify(extra)}`);
  return problems;
}

/** One point per (r, N) cell: at x = N, over the cell's trials, at their mean generalization error. */
function metricVsSamplesProblems(chart: ChartSnapshot, cells: ExpectedCell[]): string[] {
  const unmatched = chart.lines.flatMap((line) => line.points.map((point) => ({ ...point, line: line.label })));
  const problems: string[] = [];
  for (const cell of cells) {
    const index = unmatched.findIndex(
      (point) => point.x === cell.samples && point.count === cell.trials && closeTo(point.y, cell.meanGeneralizationError),
    );
    if (index >= 0) unmatched.splice(index, 1);
    else {
      problems.push(
        `${chart.id} has no point at N=${cell.samples} over ${cell.trials} trials with mean generalization error ` +
          `${cell.meanGeneralizationError} (the r=${cell.r} cell of the run folder)`,
      );
    }
  }
  if (unmatched.length > 0) problems.push(`${chart.id} draws points the run folder does not explain: ${JSON.stringify(unmatched)}`);
  return problems;
}

/**
 * What keeps `panel` from showing exactly `records` (a run sweeping N and r): an empty list
 * when it does. The panel must show generalization error, its default metric.
 */
export function chartMismatches(panel: PanelSnapshot, records: Array<Record<string, unknown>>): string[] {
  if (records.length === 0) return ['the run folder has no trial records to compare with'];
  const cells = expectedCells(records);
  const heatmap = panel.charts.find((chart) => chart.type === 'matrix');
  const metricVsSamples = panel.charts.find((chart) => chart.id === 'metric:samples');
  return [
    ...(heatmap ? heatmapProblems(heatmap, cells) : ['no success heatmap chart']),
    ...(metricVsSamples ? metricVsSamplesProblems(metricVsSamples, cells) : ['no "metric:samples" chart (metric against N)']),
  ];
}
