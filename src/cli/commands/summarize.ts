// `lth summarize RUN_DIR... [--json]`: the per-cell table and the phase boundary of one run,
// or of several folders of the same sweep (shards) merged by (cell, trial).
import { summarizeSweep, type SweepSummary } from '../../core/analysis/sweepSummary';
import type { CellSummary } from '../../core/analysis/cellSummary';
import type { SweepAxis } from '../../core/families/teacher-student/types';
import { mergeRunFolders, type MergedRuns } from '../../core/runs/runReader';
import { parseCommandLine, UsageError } from '../arguments';
import { EXIT, processIo, type CliIo } from '../cliIo';
import { formatNumber, formatTable, type ColumnGroup } from '../table';

export const SUMMARIZE_USAGE = `Usage: lth summarize RUN_DIR... [--json]

Per sweep cell: trials done, success rate, mean/median/std/min/max of the relative weight
error and of the generalization error, mean convergence rate; and, when the sweep is over
both samples N and nonzerosPerNeuron r, the phase boundary N*(r) (success rate crossing 0.5,
interpolated in log N) with the least-squares fit N* = a·r + b and its R².
Several folders of one sweep (e.g. its shards) are merged by (cell, trial).

  --json   print one JSON object instead of tables
`;

export async function summarizeCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('expected at least one RUN_DIR');
  let merged: MergedRuns;
  try {
    merged = mergeRunFolders(positionals);
  } catch (error) {
    io.stderr.write(`lth summarize: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
  const summary = summarizeSweep(merged.records);
  io.stdout.write(values.json ? `${JSON.stringify(summaryJson(merged, summary), null, 2)}\n` : summaryText(merged, summary));
  return EXIT.ok;
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
    configHash: manifest.configHash,
    runs: merged.runs.map((run) => ({
      runDir: run.runDir,
      status: run.manifest.status,
      ...(run.manifest.shard ? { shard: run.manifest.shard } : {}),
      totalTrials: run.manifest.totalTrials,
      trialsOnDisk: run.records.length,
    })),
    trials: merged.records.length,
    totalTrials: expectedTrials(merged),
    tornLines: merged.tornLines,
    duplicates: merged.duplicates,
    ...summary,
  };
}

const AXIS_LABELS: Record<SweepAxis, string> = {
  samples: 'N',
  nonzerosPerNeuron: 'r',
  noiseStd: 'noise',
  momentum: 'momentum',
  extraPerNeuron: 'extra',
  missingPerNeuron: 'missing',
  initDistance: 'initDist',
};

const STATISTICS = ['mean', 'median', 'std', 'min', 'max'] as const;

function summaryText(merged: MergedRuns, summary: SweepSummary): string {
  const manifest = merged.runs[0].manifest;
  const lines = [`Experiment ${manifest.experiment} (config ${manifest.configHash.slice(0, 12)})`];
  for (const run of merged.runs) {
    const shard = run.manifest.shard ? `shard ${run.manifest.shard.index}/${run.manifest.shard.count}, ` : '';
    lines.push(`  ${run.runDir}: ${shard}${run.manifest.status}, ${run.records.length}/${run.manifest.totalTrials} trials`);
  }
  lines.push(`Trials: ${merged.records.length} of ${expectedTrials(merged)}`);
  if (merged.tornLines > 0) lines.push(`warning: ignored ${merged.tornLines} incomplete last line(s) (a run was killed mid-write)`);
  if (merged.duplicates > 0) lines.push(`warning: ${merged.duplicates} trial(s) appear in more than one folder; the first copy was used`);
  lines.push('', cellTable(summary), boundaryText(summary));
  return `${lines.join('\n')}\n`;
}

function cellTable(summary: SweepSummary): string {
  if (summary.cells.length === 0) return 'No trials on disk yet.\n';
  const axes = summary.variedAxes;
  const showRatio = axes.includes('nonzerosPerNeuron');
  const headers = [...axes.map((axis) => AXIS_LABELS[axis]), ...(showRatio ? ['ratio'] : []), 'trials', 'success', ...STATISTICS, ...STATISTICS, 'rate'];
  const leading = axes.length + (showRatio ? 1 : 0) + 2;
  const groups: ColumnGroup[] = [
    ...Array.from({ length: leading }, () => ({ title: '', span: 1 })),
    { title: 'relative error', span: STATISTICS.length },
    { title: 'generalization error', span: STATISTICS.length },
    { title: '', span: 1 },
  ];
  const rows = summary.cells.map((cell: CellSummary) => [
    ...axes.map((axis) => formatNumber(cell.values[axis])),
    ...(showRatio ? [formatNumber(cell.pruningRatio)] : []),
    String(cell.trials),
    `${Math.round(cell.successRate * 100)}%`,
    ...STATISTICS.map((statistic) => formatNumber(cell.relativeError[statistic])),
    ...STATISTICS.map((statistic) => formatNumber(cell.generalizationError[statistic])),
    formatNumber(cell.meanConvergenceRate),
  ]);
  return formatTable(headers, rows, groups);
}

function boundaryText(summary: SweepSummary): string {
  const boundary = summary.phaseBoundary;
  if (!boundary) return 'Phase boundary: not applicable (needs a sweep over both samples and nonzerosPerNeuron).';
  const samplesAt = (r: number) => summary.cells.filter((cell) => cell.values.nonzerosPerNeuron === r).map((cell) => cell.values.samples);
  const lines = ['Phase boundary N*(r): success rate crossing 0.5, interpolated in log N'];
  for (const crossing of boundary.crossings) {
    const where =
      crossing.status === 'crossed'
        ? `N* = ${formatNumber(crossing.criticalSamples)}`
        : crossing.status === 'always-succeeds'
          ? `always succeeds (N* <= ${Math.min(...samplesAt(crossing.nonzerosPerNeuron))})`
          : `never succeeds (N* > ${Math.max(...samplesAt(crossing.nonzerosPerNeuron))})`;
    lines.push(`  r = ${String(crossing.nonzerosPerNeuron).padEnd(4)} ${where}`);
  }
  const fit = boundary.fit;
  lines.push(
    fit
      ? `Fit N* = a·r + b: a = ${formatNumber(fit.slope)}, b = ${formatNumber(fit.intercept)}, R² = ${fit.rSquared.toFixed(3)} (${fit.points} points)`
      : 'Fit N* = a·r + b: needs crossings at two or more values of r',
  );
  return lines.join('\n');
}
