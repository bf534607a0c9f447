// `lth summarize RUN_DIR... [--json]`: the per-cell table and the phase boundary of one run,
// or of several folders of the same sweep (shards) merged by (cell, trial).
import type { CellSummary } from '../../core/analysis/cellSummary';
import type { Description, Quartiles } from '../../core/analysis/statistics';
import { summarizeSweep, type SweepSummary } from '../../core/analysis/sweepSummary';
import { summaryView, type ExperimentFamily } from '../../core/families/experimentFamily';
import { familyOf } from '../../core/families/registry';
import { mergeRunFolders, rejectedLineWarnings, type MergedRuns } from '../../core/runs/runReader';
import { isFailedTrial, measuredRecords, recordsDone, type TrialRecord } from '../../shared/trialRecord';
import { errorMessage } from '../../shared/errorMessage';
import { formatNumber } from '../../shared/formatNumber';
import { parseCommandLine, UsageError } from '../arguments';
import { runFolderArguments } from '../runFolderArguments';
import { EXIT, processIo, type CliIo } from '../cliIo';
import { formatTable, type ColumnGroup } from '../table';

export const SUMMARIZE_USAGE = `Usage: lth summarize RUN_DIR... [--json]

RUN_DIR is a run folder (.lth/runs/<experiment>/<timestamp>) or an experiment's folder of runs
(.lth/runs/<experiment>), which stands for its newest run.

Per sweep cell: trials done and the metrics of the experiment's kind.
  teacher-student: success rate, mean/median/std/min/max of the relative weight error and of
    the generalization error, mean convergence rate; and, when the sweep is over both samples N
    and nonzerosPerNeuron r, the phase boundary N*(r) (success rate crossing 0.5, interpolated
    in log N) with the least-squares fit N* = a·r + b and its R².
  lottery-ticket: a row per pruning round and variant (ticket, random-reinit, random-prune):
    density, test error at early stopping, early-stopping iteration, training error; and the
    best ticket per training-set size N against the dense network.
Several folders of one sweep (e.g. its shards) are merged by (cell, trial). Trials whose
training failed are listed with their reason and left out of the statistics. Lines of
trials.jsonl that are not trials of the run are skipped with a warning naming each one
(lth repair RUN_DIR moves them aside).

  --json   print one JSON object instead of tables
`;

export async function summarizeCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('expected at least one RUN_DIR');
  let merged: MergedRuns;
  try {
    merged = mergeRunFolders(runFolderArguments(positionals, 'lth summarize', io));
  } catch (error) {
    io.stderr.write(`lth summarize: ${errorMessage(error)}\n`);
    return EXIT.failed;
  }
  const family = summaryView(familyOf(merged.runs[0].manifest.kind), merged.runs[0].manifest.resolved);
  // A failed trial has no measurements: it is listed, not averaged.
  const summary = summarizeSweep(family, measuredRecords(merged.records), merged.runs[0]?.manifest.resolved);
  io.stdout.write(values.json ? `${JSON.stringify(summaryJson(merged, summary), null, 2)}\n` : summaryText(family, merged, summary));
  return EXIT.ok;
}

/** Records per trial of the merged sweep (a chain's networks; 1 for most kinds). */
function partsOf(merged: MergedRuns): number {
  const { manifest } = merged.runs[0];
  return familyOf(manifest.kind).trialParts?.(manifest.resolved) ?? 1;
}

/** The trials the given folders were meant to hold: a whole-sweep run's total, else the sum over distinct shards. */
function expectedTrials(merged: MergedRuns): number {
  const whole = merged.runs.find((run) => run.manifest.shard === undefined);
  if (whole) return whole.manifest.totalTrials;
  const byShard = new Map(merged.runs.map((run) => [run.manifest.shard?.index, run.manifest.totalTrials]));
  return [...byShard.values()].reduce((sum, total) => sum + total, 0);
}

function summaryJson(merged: MergedRuns, summary: SweepSummary) {
  const manifest = merged.runs[0].manifest;
  return {
    experiment: manifest.experiment,
    kind: manifest.kind,
    configHash: manifest.configHash,
    runs: merged.runs.map((run) => ({
      runDir: run.runDir,
      status: run.manifest.status,
      ...(run.manifest.shard ? { shard: run.manifest.shard } : {}),
      totalTrials: run.manifest.totalTrials,
      trialsOnDisk: recordsDone(run.records, partsOf(merged)),
    })),
    trials: recordsDone(merged.records, partsOf(merged)),
    totalTrials: expectedTrials(merged),
    failedTrials: merged.records.filter(isFailedTrial).map((record) => ({ cell: record.cell, trial: record.trial, ...(record.part === undefined ? {} : { part: record.part }), reason: record.failed })),
    skippedLines: merged.runs.flatMap((run) => run.rejected.map(({ line, problem }) => ({ runDir: run.runDir, line, problem }))),
    tornLines: merged.tornLines,
    duplicates: merged.duplicates,
    ...summary,
  };
}

/** Failed trials listed by name at most; more are counted. */
const FAILED_TRIALS_LISTED = 10;

function failedTrialLines(failed: readonly TrialRecord[]): string[] {
  if (failed.length === 0) return [];
  const listed = failed.slice(0, FAILED_TRIALS_LISTED).map((record) => `  ${record.cell} trial ${record.trial}${typeof record.part === 'number' ? ` (network ${record.part})` : ''}: ${record.failed}`);
  const more = failed.length > FAILED_TRIALS_LISTED ? [`  … and ${failed.length - FAILED_TRIALS_LISTED} more (lth summarize --json lists them all)`] : [];
  return [`Failed trials: ${failed.length} (their training threw; left out of every statistic)`, ...listed, ...more];
}

const STATISTICS = ['mean', 'median', 'std', 'min', 'max'] as const;
const QUARTILES = [['median', 'median'], ['q1', 'lowerQuartile'], ['q3', 'upperQuartile']] as const;

function summaryText(family: ExperimentFamily, merged: MergedRuns, summary: SweepSummary): string {
  const manifest = merged.runs[0].manifest;
  const lines = [`Experiment ${manifest.experiment} (config ${manifest.configHash.slice(0, 12)})`];
  for (const run of merged.runs) {
    const shard = run.manifest.shard ? `shard ${run.manifest.shard.index}/${run.manifest.shard.count}, ` : '';
    lines.push(`  ${run.runDir}: ${shard}${run.manifest.status}, ${recordsDone(run.records, partsOf(merged))}/${run.manifest.totalTrials} trials`);
  }
  lines.push(`Trials: ${recordsDone(merged.records, partsOf(merged))} of ${expectedTrials(merged)}`);
  lines.push(...failedTrialLines(merged.records.filter(isFailedTrial)));
  if (merged.tornLines > 0) lines.push(`warning: ignored ${merged.tornLines} incomplete last line(s) (a run was killed mid-write)`);
  for (const warning of rejectedLineWarnings(merged.runs)) lines.push(`warning: ${warning}`);
  if (merged.duplicates > 0) lines.push(`warning: ${merged.duplicates} trial(s) appear in more than one folder; the first copy was used`);
  lines.push('', cellTable(family, summary));
  const extra = family.summaryExtra;
  if (extra) lines.push(extra.text(summary[extra.key], summary.cells));
  return `${lines.join('\n')}\n`;
}

/** The varying axes (each with its derived axis), trials, then the family's summary columns that have a title. */
function cellTable(family: ExperimentFamily, summary: SweepSummary): string {
  if (summary.cells.length === 0) return 'No trials on disk yet.\n';
  const axes = family.axes.filter((axis) => summary.variedAxes.includes(axis.name));
  const derived = family.derivedAxes.filter((axis) => axis.from !== undefined && summary.variedAxes.includes(axis.from));
  const rowFields = family.rowFields ?? [];
  const columns = family.summaryColumns.filter((column) => column.title !== undefined && summary.cells.some((cell) => column.key in cell));
  const headers = [...axes.map((axis) => axis.short), ...derived.map((axis) => axis.short), ...rowFields.map((field) => field.short), 'trials'];
  const groups: ColumnGroup[] = headers.map(() => ({ title: '', span: 1 }));
  for (const column of columns) {
    const statistics = column.kind === 'describe' ? STATISTICS : column.kind === 'quartiles' ? QUARTILES.map(([header]) => header) : [column.title as string];
    headers.push(...statistics);
    groups.push(column.kind === 'describe' || column.kind === 'quartiles' ? { title: column.title as string, span: statistics.length } : { title: '', span: 1 });
  }
  const rows = summary.cells.map((cell: CellSummary) => [
    ...axes.map((axis) => formatNumber(cell.values[axis.name])),
    ...derived.map((axis) => formatNumber(cell[axis.name] as number)),
    ...rowFields.map((field) => {
      const value = cell.row?.[field.name];
      return typeof value === 'number' ? formatNumber(value) : String(value);
    }),
    String(cell.trials),
    ...columns.flatMap((column) => {
      const value = cell[column.key];
      // A `whenPresent` column is missing from cells whose trials do not measure it.
      if (column.kind === 'describe') return STATISTICS.map((statistic) => formatNumber(value === undefined ? null : (value as Description)[statistic]));
      if (column.kind === 'rate') return [`${Math.round((value as number) * 100)}%`];
      if (column.kind === 'quartiles') return QUARTILES.map(([, field]) => formatNumber(value === null ? null : (value as Quartiles)[field]));
      return [formatNumber(value as number | null)];
    }),
  ]);
  return formatTable(headers, rows, groups);
}
