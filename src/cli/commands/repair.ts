// `lth repair RUN_DIR...`: moves the lines of a run's trials.jsonl that are not trials of the
// run (not JSON, not a record, a record of another sweep, an incomplete last line) into
// trials.rejected.jsonl beside it. Readers already skip such lines with a warning; repairing
// makes the warning go away without losing a byte: the lines are kept, only moved.
import { join } from 'node:path';
import { readManifest } from '../../core/runs/manifestFile';
import { TRIALS_FILE } from '../../core/runs/runFolder';
import { sweepCheck } from '../../core/runs/runReader';
import { describeSweep, removeLeftoverTemporaryFiles } from '../../core/runs/leftoverTemporaryFiles';
import { lockRunFolder, type RunLock } from '../../core/runs/runLock';
import { describeRejectedLine, moveLinesAside, readTrialLog, REJECTED_TRIALS_FILE } from '../../core/runs/trialLog';
import { errorMessage } from '../../shared/errorMessage';
import { parseCommandLine, UsageError } from '../arguments';
import { EXIT, processIo, type CliIo } from '../cliIo';

export const REPAIR_USAGE = `Usage: lth repair RUN_DIR...

Moves every line of RUN_DIR/trials.jsonl that is not a trial of the run — not valid JSON, not
a trial record, a record of another sweep (another grid or seed), or an incomplete last line
left by a killed run — to the end of RUN_DIR/${REJECTED_TRIALS_FILE}, and prints each with its
line number and why. No line is deleted, and nothing is lost if it is interrupted: the lines
are safe in ${REJECTED_TRIALS_FILE} before trials.jsonl is replaced (atomically) by a copy
without them. Hidden temp files (.NAME.PID.tmp) left by a write killed before its rename are
removed. Refused while a run writes the folder. A repaired run resumes as before: a trial
whose only record was moved aside runs again.

Exit status: 0 repaired or nothing to repair, 1 a folder could not be read or repaired,
2 wrong usage.
`;

export async function repairCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const { positionals } = parseCommandLine(argv, {});
  if (positionals.length === 0) throw new UsageError('expected at least one RUN_DIR');
  let allRepaired = true;
  for (const runDir of positionals) {
    if (!repairFolder(runDir, io)) allRepaired = false;
  }
  return allRepaired ? EXIT.ok : EXIT.failed;
}

/** Repairs one folder under its lock; false (with the reason on stderr) when it cannot. */
function repairFolder(runDir: string, io: CliIo): boolean {
  let lock: RunLock | undefined;
  try {
    const manifest = readManifest(runDir);
    lock = lockRunFolder(runDir);
    const { info, warning } = describeSweep(runDir, removeLeftoverTemporaryFiles(runDir));
    if (info) io.stdout.write(`${info}\n`);
    if (warning) io.stderr.write(`lth repair: warning: ${warning}\n`);
    const { records, rejected, tornLines } = readTrialLog(runDir, 0, sweepCheck(manifest));
    if (rejected.length === 0 && tornLines === 0) {
      io.stdout.write(`${runDir}: nothing to repair (${records.length} trial records)\n`);
      return true;
    }
    moveLinesAside(runDir, new Set(rejected.map((line) => line.line)), true);
    const rejectedFile = join(runDir, REJECTED_TRIALS_FILE);
    for (const line of rejected) io.stdout.write(`${describeRejectedLine(runDir, line)}; moved to ${rejectedFile}\n`);
    if (tornLines > 0) io.stdout.write(`${join(runDir, TRIALS_FILE)}: an incomplete last line (a run killed mid-write); moved to ${rejectedFile}\n`);
    const moved = rejected.length + tornLines;
    io.stdout.write(`${runDir}: moved ${moved} line${moved === 1 ? '' : 's'} aside; ${records.length} trial records remain\n`);
    return true;
  } catch (error) {
    io.stderr.write(`lth repair: ${errorMessage(error)}\n`);
    return false;
  } finally {
    lock?.release();
  }
}
