// The plug-in point of the engine: everything that is particular to one experiment kind lives
// behind this interface, in the kind's own folder (core/families/<kind>/), and is found by its
// `kind` through registry.ts. Parsing, validation, the published schema, the sweep, records,
// `lth summarize`, the report and the panel only ever talk to a family through it.
// Browser-safe by contract: the panel bundles the registry, so a family's definition imports no
// Node module; the training itself (the worker side) is registered apart, in trialRunners.ts.
import type { TObject } from '@sinclair/typebox';
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { TrialRecord } from '../../shared/trialRecord';
import type { ChartData } from '../analysis/chartData';
import type { PathIssue } from '../config/experimentProblem';
import type { PhasedSweep } from '../sweep/phasedSweep';

export type Scale = 'log' | 'linear';

/** One value per sweep axis: a point of the grid. */
export type SweepCell = Readonly<Record<string, number>>;

/** Every value each sweep axis takes (sorted when read from records), by axis name. */
export type AxisValues = Record<string, number[]>;

/** A parameter a list in the experiment file sweeps; its values are record fields of the same name. */
export interface AxisDefinition {
  name: string;
  /** Axis title of a chart: "Training samples N". */
  label: string;
  /** Column header of the `lth summarize` table: "N". */
  short: string;
  /** The axis as a noun in titles: "one line per N". */
  noun: string;
  /** Unit of the values ('' when dimensionless). */
  unit: string;
  /** How a chart with this axis horizontal draws it by default. */
  scale: Scale;
  /** How the line for one value is named in a legend ("N = 450"); `record` is a record of that line. */
  legend(value: number, record?: TrialRecord): string;
}

/**
 * A record field computed from a sweep axis (e.g. the pruning ratio 1 - r/d from r): plotted
 * instead of its axis, and shown beside it in tables when that axis varies.
 */
export interface DerivedAxisDefinition extends Omit<AxisDefinition, 'legend'> {
  /** The sweep axis it is computed from; none for a field each record measures (e.g. a pruned network's density). */
  from?: string;
  /** How a line split by this field is named; default "<short> <value>". */
  legend?(value: number, record?: TrialRecord): string;
}

/** Something each trial measures, as the charts and tables read it from a record. */
export interface MetricDefinition {
  name: string;
  label: string;
  unit: string;
  /** Errors span decades and read best on a log axis; rates in [0, 1] do not. */
  scale: Scale;
  lowerIsBetter: boolean;
  /** Whether the spread over trials is worth a band (a 0/1 success is not). */
  band: boolean;
  /** Offered in the panel's metric picker (others have charts of their own). */
  selectable: boolean;
  /** The statistic its lines always go through, whatever the panel's Line setting (absent: the setting). */
  line?: 'median';
  /** The trial's value; null when it has none (e.g. no linear phase for a rate). */
  value(record: TrialRecord): number | null;
}

/** How `lth summarize` reports a metric per cell (JSON key; table group title, none = JSON only). */
export type SummaryColumn =
  /** `whenPresent`: only in cells whose trials measure it (e.g. a mask recall that one setting records); the table drops it when no cell has it. */
  | { kind: 'describe'; metric: string; key: string; title?: string; whenPresent?: boolean }
  | { kind: 'rate'; metric: string; countKey: string; key: string; title: string }
  | { kind: 'mean'; metric: string; key: string; title: string }
  /** Median and quartiles (statistics.ts Quartiles), for a metric whose mean one outlying trial moves. */
  | { kind: 'quartiles'; metric: string; key: string; title: string };

export interface ChartTarget {
  label: string;
  defaultValue: number;
  min: number;
  max: number;
  step: number;
}

/** One chart of a family's plan; the rest of a spec is the family's own business. */
export interface ChartSpec {
  id: string;
}

/** A family's own part of `lth summarize`: e.g. the teacher-student phase boundary. */
export interface SweepSummaryExtra {
  key: string;
  compute(cells: ReadonlyArray<{ values: SweepCell; trials: number; [field: string]: unknown }>, variedAxes: readonly string[], experiment?: ResolvedExperiment): unknown;
  /** Its lines under the table. */
  text(value: unknown, cells: ReadonlyArray<{ values: SweepCell }>): string;
}

/** A block of memory an estimate counts, with the file's fields that set its size. */
export interface MemoryItem {
  /** What it holds, for messages: "the training inputs (inputDim × samples)". */
  what: string;
  bytes: number;
  /** JSON paths of the fields that set its size: "teacher.inputDim", "samples". */
  fields: string[];
}

/**
 * What a run of an experiment will take, estimated from the resolved experiment before anything
 * runs (see execution/resourcePlan.ts, which compares it with the machine).
 */
export interface ResourceEstimate {
  /** Peak memory of one worker thread for the sweep's largest trial: its largest items, biggest first (their sum, plus a baseline, is the peak). */
  perWorker: MemoryItem[];
  /** Memory the run holds once for all its workers (e.g. a data set in shared memory). */
  shared: MemoryItem[];
  /** Networks trained by the whole sweep (trials × the networks of each). */
  trainings: number;
  /** Seconds one worker would take for the whole sweep: a rough upper bound (training may stop early). */
  workerSeconds: number;
  /** Why the family cannot run the experiment whatever the machine (e.g. past what a WebAssembly memory can address). */
  refusal?: string;
}

export interface ExperimentFamily<Experiment extends ResolvedExperiment = ResolvedExperiment> {
  kind: string;
  /** One line for the schema's hover text of `kind`. */
  title: string;
  /** The experiment file of this kind (its `kind` property a literal): validation, defaults, editor help. */
  schema: TObject;
  /** The sweep axes, in the order of cell keys and of the grid's expansion. */
  axes: readonly AxisDefinition[];
  derivedAxes: readonly DerivedAxisDefinition[];
  /** In the order the panel's picker offers them. */
  metrics: readonly MetricDefinition[];
  defaultMetric: string;
  summaryColumns: readonly SummaryColumn[];
  /**
   * Record fields that split a cell's records into rows of `lth summarize` (e.g. the round and
   * variant of a pruning chain); rows of a cell come in part order. None: one row per cell.
   */
  rowFields?: readonly { name: string; short: string }[];
  summaryExtra?: SweepSummaryExtra;
  /**
   * Other summary columns (and extra) for an experiment whose trials measure something else
   * (e.g. a teacher-student convex-region run: no training, so no success rate); absent: the above.
   */
  summaryFor?(experiment: ResolvedExperiment): { columns: readonly SummaryColumn[]; extra?: SweepSummaryExtra } | undefined;
  /** Checks the schema cannot express (relations between fields, likely mistakes). Expects a schema-valid file. */
  semanticIssues(file: object): PathIssue[];
  /** Defaults filled and every axis a list, for a schema-valid file without errors; `fileName` names it when the file does not. */
  resolve(file: object, fileName: string): Experiment;
  /**
   * Records one trial yields, in order (e.g. the rounds of a pruning chain, each with its
   * controls); absent: one. Each is appended as soon as it is done, with its index as `part`,
   * and a trial cut off mid-way resumes after its last part on disk.
   */
  trialParts?(experiment: Experiment): number;
  /** A sweep decided phase by phase from earlier results (e.g. an adaptive search), when the experiment asks for one; else the grid's jobs run. */
  phasedSweep?(experiment: Experiment): PhasedSweep | undefined;
  /** Memory and time a run will take (absent: the run is not checked against the machine). */
  estimate?(experiment: Experiment): ResourceEstimate;
  /** What a worker receives to run one trial (structured-cloneable). */
  trialSpec(experiment: Experiment, cell: SweepCell, trial: number): unknown;
  /** Record fields computed from the cell on the main thread (e.g. the pruning ratio). */
  recordExtras(experiment: Experiment, cell: SweepCell): Record<string, number>;
  /**
   * A threshold some of the family's charts are drawn for (e.g. the test error whose sample cost
   * is charted), offered by the panel as a number; chartPlan receives the user's choice.
   */
  chartTarget?: ChartTarget;
  /** `experiments`: the resolved experiments of the runs shown (settings that are no axis may call for charts of their own). */
  chartPlan(values: AxisValues, options: { curveSamples?: number; target?: number; experiments?: readonly ResolvedExperiment[] }): ChartSpec[];
  /** `experiment`: the run's resolved experiment, when known (settings a chart may name, e.g. K). */
  buildChart(spec: ChartSpec, records: readonly TrialRecord[], selectedMetric: string, values: AxisValues, experiment?: ResolvedExperiment): ChartData;
  /** The settings a reader needs to know what a run did (the panel's header), in reading order. */
  keySettings?(experiment: Experiment): KeySetting[];
  /** One line under a chart of the plan: what a point, a line, "success" or the boundary is, for this experiment. */
  chartDefinition?(spec: ChartSpec, experiment: Experiment): string;
  /** What the panel's trial view shows of one record: its facts and its curves. */
  describeTrial?(record: TrialRecord, experiment: Experiment): TrialDescription;
}

/** A setting or a measurement as the panel lists it: "K (hidden units)" = "5". */
export interface KeySetting {
  label: string;
  value: string;
  /** A longer explanation (a tooltip). */
  detail?: string;
}

/** One trial as the panel's trial view shows it. */
export interface TrialDescription {
  facts: KeySetting[];
  /** Its own charts (e.g. its error curve), drawn like the plan's. */
  charts: ChartData[];
  /** Whether the trial can be re-run on request to show its weights (see core/inspection). */
  weightsOnRequest: boolean;
}

/** The family as `lth summarize` reads the records of `experiment` (its summaryFor, when it has one). */
export function summaryView(family: ExperimentFamily, experiment: ResolvedExperiment): ExperimentFamily {
  const own = family.summaryFor?.(experiment);
  return own ? { ...family, summaryColumns: own.columns, summaryExtra: own.extra } : family;
}

/** The family's sweep axes by name, in its order (the order of cell keys). */
export function axisNames(family: ExperimentFamily): string[] {
  return family.axes.map((axis) => axis.name);
}
