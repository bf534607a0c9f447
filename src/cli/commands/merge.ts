// `lth merge SHARD_DIR... --out RUN_DIR`: the shards of one sweep, unioned into one run folder,
// with what is still missing reported per shard (see core/runs/mergeShards).
import { resolve } from 'node:path';
import { MergeError, mergeShards, type MergeReport } from '../../core/runs/mergeShards';
import { fileSystemErrorCode } from '../../core/runs/fileSystemError';
import { errorMessage } from '../../shared/errorMessage';
import { parseCommandLine, UsageError } from '../arguments';
import { EXIT, processIo, type CliIo } from '../cliIo';

export const MERGE_USAGE = `Usage: lth merge SHARD_DIR... --out RUN_DIR

Unions the run folders of one sweep's shards into the run folder RUN_DIR (created, or added to:
merging again adds only what is new, never a record twice). A SHARD_DIR is a run folder or a
folder of them, such as the --out of lth run --shard. Refused, with nothing written, when the
folders were run from different configs or one cannot be read. Records are never dropped: lines
RUN_DIR already holds stay as they are, and each file is replaced atomically.

Prints what was added and which trials of the sweep are still missing, per shard with how that
shard's run ended (a failed or cancelled shard: re-run it, then merge again; or run the whole
sweep into RUN_DIR with lth run FILE --resume RUN_DIR, which computes only the missing trials).

Exit codes: 0 merged and complete, 1 merged with trials missing, or refused, 2 usage error.
`;

/** How often, and how far apart, a merge whose target is locked is tried (30 s in all). */
const LOCK_ATTEMPTS = 30;
const LOCK_RETRY_MS = 1000;

export async function mergeCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { out: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('expected at least one SHARD_DIR');
  if (values.out === undefined) throw new UsageError('--out RUN_DIR is required: the run folder to merge into');
  let report: MergeReport;
  for (let attempt = 1; ; attempt++) {
    try {
      report = mergeShards(positionals.map((dir) => resolve(dir)), resolve(values.out));
      break;
    } catch (error) {
      // A merge takes milliseconds: a held lock (the editor's live view merging, a second merge job) is soon free.
      if (error instanceof MergeError && error.locked && attempt < LOCK_ATTEMPTS) {
        await new Promise((resolveWait) => setTimeout(resolveWait, LOCK_RETRY_MS));
        continue;
      }
      if (!(error instanceof MergeError) && fileSystemErrorCode(error) === undefined) throw error;
      io.stderr.write(`lth merge: ${errorMessage(error)}\n`);
      return EXIT.failed;
    }
  }
  io.stderr.write(mergeReportText(report));
  return report.status === 'completed' ? EXIT.ok : EXIT.failed;
}

export function mergeReportText(report: MergeReport): string {
  const lines = [...report.warnings.map((warning) => `warning: ${warning}`)];
  for (const input of report.emptyInputs) lines.push(`warning: ${input} holds no run folder (its shard has not started)`);
  const already = report.recordsBefore > 0 ? ` to the ${report.recordsBefore} already there` : '';
  const duplicates = report.duplicates > 0 ? ` (${report.duplicates} already merged or in two folders, taken once)` : '';
  lines.push(`Merged ${report.sourceRunDirs.length} run folders into ${report.targetDir}: added ${report.recordsAdded} records${already}${duplicates}`);
  if (report.missingTrials === 0) {
    lines.push(`Complete: all ${report.totalTrials} trials of the sweep. Summarize with: lth summarize ${report.targetDir}`);
  } else {
    lines.push(`Missing ${report.missingTrials} of ${report.totalTrials} trials of the sweep`);
    for (const gap of report.gaps) lines.push(`  shard ${gap.shard.index}/${gap.shard.count}: ${gap.missingTrials} trials missing (${gap.status === 'not started' ? 'no run folder: not started' : `its run ${gap.status}`})`);
    if (report.emptyCellCount > 0) {
      const more = report.emptyCellCount > report.emptyCells.length ? `, and ${report.emptyCellCount - report.emptyCells.length} more` : '';
      lines.push(`  ${report.emptyCellCount} cells have no trial yet: ${report.emptyCells.join('; ')}${more}`);
    }
    lines.push('Re-run the missing shards (re-submitting resumes them), then merge again.');
  }
  return `${lines.join('\n')}\n`;
}
