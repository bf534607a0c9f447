// `lth validate FILE...`: checks experiment files as the editor and every run do, and prints
// one line per problem as `FILE:LINE:COL: <json path>: <message>` (a format editors and CI
// problem matchers understand). Exit 0: all valid (warnings allowed); 1: a file is invalid or
// unreadable; 2: wrong usage.
import { formatProblem } from '../../core/config/experimentProblem';
import { ExperimentFileReadError, loadExperimentFile } from '../../core/config/loadExperimentFile';
import { cellCount } from '../../core/sweep/sweepCells';
import { familyOf } from '../../core/families/registry';
import { describePlan, planResources, ResourceLimitError } from '../../core/execution/resourcePlan';

/** Where the command prints: report lines, and errors about the command itself. */
export interface CommandOutput {
  out(line: string): void;
  error(line: string): void;
}

const processOutput: CommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

export const VALIDATE_USAGE = `Usage: lth validate FILE...

Checks *.lth.json experiment files: JSON syntax, the schema (schemas/lth.schema.json) and the
semantic checks (r <= d, counts >= 1, step size range, ...). Prints one line per problem:
  FILE:LINE:COL: <json path>: <what is wrong and what was expected>
and for a valid file: FILE: ok (<cells> cells × <trials> trials = <n> trainings; for kinds whose
trials are pruning chains, the chains and the networks they train), then its estimate on this
machine: FILE: estimate: about <memory> per worker thread, up to about <time> on <n> worker
threads. A file whose run would not fit this machine's memory is an error, naming the fields
to lower; a run estimated to take over an hour is a warning.
Exit status: 0 all valid (warnings allowed), 1 a file is invalid or unreadable, 2 wrong usage.`;

/** Validates one file, printing its lines; true when it is valid. */
async function validateFile(fileName: string, output: CommandOutput): Promise<boolean> {
  let result;
  try {
    result = await loadExperimentFile(fileName);
  } catch (error) {
    if (!(error instanceof ExperimentFileReadError)) throw error;
    output.error(`${fileName}: error: cannot read the file: ${error.reason}`);
    return false;
  }
  for (const problem of result.problems) output.out(formatProblem(fileName, problem));
  if (!result.ok) return false;
  const family = familyOf(result.experiment.kind);
  const cells = cellCount(result.experiment);
  const trials = result.experiment.trials;
  const phased = family.phasedSweep?.(result.experiment);
  // What `lth run` would refuse on this machine is an error here too.
  let plan;
  try {
    plan = planResources(family, result.experiment, { trialsToRun: phased?.maxJobs ?? cells * trials });
  } catch (error) {
    if (!(error instanceof ResourceLimitError)) throw error;
    output.out(`${fileName}: error: ${error.message}`);
    return false;
  }
  const parts = family.trialParts?.(result.experiment);
  // A kind whose trials train several networks (a pruning chain) counts those too.
  const trainings = parts === undefined ? `${cells * trials} trainings` : `${cells * trials} chains of ${parts} trainings = ${cells * trials * parts} trainings`;
  output.out(
    phased
      ? `${fileName}: ok (an adaptive search: ${cells} cells × ${trials} trials = ${cells * trials} trainings in its first pass, at most ${phased.maxJobs} in all)`
      : `${fileName}: ok (${cells} cells × ${trials} trials = ${trainings})`,
  );
  if (plan.estimate) output.out(`${fileName}: estimate: ${describePlan(plan)}`);
  for (const warning of plan.warnings) output.out(`${fileName}: warning: ${warning}`);
  return true;
}

/** Runs `lth validate` with the arguments after `validate`; resolves to the exit code. */
export async function validateCommand(argv: string[], output: CommandOutput = processOutput): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(VALIDATE_USAGE);
    return 0;
  }
  const unknownOption = argv.find((argument) => argument.startsWith('-'));
  if (unknownOption !== undefined || argv.length === 0) {
    output.error(unknownOption === undefined ? 'lth validate: expected at least one FILE' : `lth validate: unknown option ${unknownOption}`);
    output.error(VALIDATE_USAGE);
    return 2;
  }
  let allValid = true;
  for (const fileName of argv) {
    if (!(await validateFile(fileName, output))) allValid = false;
  }
  return allValid ? 0 : 1;
}
