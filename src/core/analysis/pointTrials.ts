// The trials behind what a chart shows at one place: a point of a line (the trials of its group
// at its x) or a cell of the success heatmap (the trials at its r and N). What the panel lists
// when a point or a cell is clicked. Pure.
import type { TrialRecord } from '../../shared/trialRecord';
import { formatNumber } from '../../shared/formatNumber';
import type { ExperimentFamily, KeySetting } from '../families/experimentFamily';
import type { HeatmapChartData, LineChartData, LineSeries, SuccessCell } from './chartData';
import { describeFilter } from './seriesAxes';

/** Record fields and the values the trials have there. */
export type TrialQuery = Readonly<Record<string, number | string>>;

/** None for charts whose points are not summaries of trials (curves, samples needed). */
export function linePointQuery(chart: LineChartData, series: LineSeries, x: number): TrialQuery | undefined {
  if (!chart.pointTrials) return undefined;
  return { ...chart.pointTrials.filter, ...series.group, ...series.where, [chart.pointTrials.x]: x };
}

export function heatmapCellQuery(chart: HeatmapChartData, cell: Pick<SuccessCell, 'nonzerosPerNeuron' | 'samples'>): TrialQuery {
  return { ...chart.filter, nonzerosPerNeuron: cell.nonzerosPerNeuron, samples: cell.samples };
}

/** The records matching every field of the query, by trial then part. */
export function trialsAt(records: readonly TrialRecord[], query: TrialQuery): TrialRecord[] {
  const fields = Object.entries(query);
  return records
    .filter((record) => fields.every(([field, value]) => record[field] === value))
    .sort((left, right) => left.trial - right.trial || Number(left.part ?? 0) - Number(right.part ?? 0));
}

/** "N = 200, ratio 0.95 (r = 5)": a query named in the family's words (axes by their legends, other fields as "short value"). */
export function describeQuery(family: ExperimentFamily, query: TrialQuery, example?: TrialRecord): string {
  // The sweep axes in the family's order (as titles name a cell), then the other fields.
  const rank = (field: string) => {
    const index = family.axes.findIndex((axis) => axis.name === field);
    return index < 0 ? family.axes.length : index;
  };
  return Object.entries(query)
    .sort(([left], [right]) => rank(left) - rank(right))
    .map(([field, value]) => {
      if (typeof value === 'string') return value;
      const axis = family.axes.find((candidate) => candidate.name === field);
      if (axis) return axis.legend(value, example);
      const derived = family.derivedAxes.find((candidate) => candidate.name === field);
      if (derived?.legend) return derived.legend(value, example);
      return `${derived?.short ?? field} ${formatNumber(value)}`;
    })
    .join(', ');
}

/** A trial's cell named by the axes its experiment sweeps ("N = 200, r = 5"); by every axis when it sweeps none. */
export function describeTrialCell(family: ExperimentFamily, record: TrialRecord, experimentAxes: Readonly<Record<string, readonly number[]>>): string {
  const swept = family.axes.filter((axis) => (experimentAxes[axis.name]?.length ?? 0) > 1);
  return describeFilter(family, Object.fromEntries((swept.length > 0 ? swept : family.axes).map((axis) => [axis.name, record[axis.name] as number])));
}

/** What identifies a trial in the trial view, whatever its kind: its index, seed and cell. */
export function trialIdentity(family: ExperimentFamily, record: TrialRecord, experimentAxes: Readonly<Record<string, readonly number[]>>): KeySetting[] {
  return [
    { label: 'trial', value: String(record.trial) },
    { label: 'seed', value: String(record.seed), detail: 'derived from the experiment seed, the cell and the trial: re-running gives the same numbers' },
    { label: 'cell', value: describeTrialCell(family, record, experimentAxes) },
  ];
}
