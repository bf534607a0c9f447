// Checks the schema cannot express: relations between fields (r <= d, r + extra <= d, ...) and
// choices that are legal but probably not meant (repeated sweep values, huge grids), and the
// theory's notes (theory/theoryChecks.ts). Errors stop a run; warnings and information only inform.
import { SWEEP_AXES } from './types';
import { planBatches } from './training/batchSchedule';
import { formatValue } from '../../config/describeSchema';
import { axisEntries, roundedNonzeros, withDefaults, type AxisEntry, type FilledExperimentFile } from './defaults';
import type { ExperimentFile } from './schema';
import type { PathIssue } from '../../config/experimentProblem';
import { formatJsonPath } from '../../config/jsonPath';
import { convexRegionIssues } from './landscape/landscapeChecks';
import { adaptiveIssues } from './adaptive/adaptiveChecks';
import { theoryIssues } from './theory/theoryChecks';

/** Grids with more trainings than this get a warning: they take hours even at thousands per second. */
export const LARGE_GRID_TRAININGS = 100_000;

function error(path: PathIssue['path'], message: string): PathIssue {
  return { path, message, severity: 'error' };
}

function warning(path: PathIssue['path'], message: string): PathIssue {
  return { path, message, severity: 'warning' };
}

/** nonzerosPerNeuron values: r <= d, and a pruningRatio must leave r >= 1 (resolution would clamp it). */
function checkNonzeros(filled: FilledExperimentFile, nonzeros: AxisEntry[]): PathIssue[] {
  const inputDim = filled.teacher.inputDim;
  return nonzeros.flatMap((entry) => {
    if (entry.pruningRatio !== undefined) {
      if (roundedNonzeros(entry.pruningRatio, inputDim) >= 1) return [];
      return [
        error(
          entry.path,
          `${entry.pruningRatio} leaves round((1 - ${entry.pruningRatio}) * ${inputDim}) = ${roundedNonzeros(entry.pruningRatio, inputDim)} weights per neuron; expected a ratio below 1 - 0.5/${inputDim} so that r ≥ 1 (1 - 1/${inputDim} gives r = 1)`,
        ),
      ];
    }
    if (entry.value <= inputDim) return [];
    const issue = error(entry.path, `${entry.value} exceeds inputDim ${inputDim}; expected an integer in [1, ${inputDim}] (non-zeros per neuron out of d inputs)`);
    return [{ ...issue, fix: { title: `Change ${entry.value} to ${inputDim} (= inputDim, a dense teacher)`, replacement: inputDim } }];
  });
}

/** Extra positions must fit outside the teacher support; missing ones must leave a teacher position per row. */
function checkStudentMask(filled: FilledExperimentFile, nonzeros: number[]): PathIssue[] {
  const issues: PathIssue[] = [];
  const inputDim = filled.teacher.inputDim;
  const largestNonzeros = Math.max(...nonzeros);
  const smallestNonzeros = Math.min(...nonzeros);
  const dense = filled.student.mask === 'dense';
  for (const extra of axisEntries(filled, 'extraPerNeuron')) {
    if (extra.value === 0) continue;
    if (dense) issues.push(error(extra.path, `${extra.value} needs student.mask "accurate": with "dense" every position is already trained; expected 0`));
    else if (largestNonzeros + extra.value > inputDim) {
      issues.push(
        error(
          extra.path,
          `${extra.value} extra positions do not fit beside r = ${largestNonzeros} teacher positions in inputDim ${inputDim}; expected at most ${inputDim - largestNonzeros} (r + extraPerNeuron ≤ d for every r of the sweep)`,
        ),
      );
    }
  }
  for (const missing of axisEntries(filled, 'missingPerNeuron')) {
    if (missing.value === 0) continue;
    if (dense) issues.push(error(missing.path, `${missing.value} needs student.mask "accurate": a "dense" mask keeps every position; expected 0`));
    else if (missing.value > smallestNonzeros - 1) {
      issues.push(
        error(
          missing.path,
          `${missing.value} missing positions leave no teacher position in a row of r = ${smallestNonzeros}; expected at most r - 1 = ${smallestNonzeros - 1} (missingPerNeuron < r for every r of the sweep)`,
        ),
      );
    }
  }
  return issues;
}

/** A value repeated in one sweep list runs once; say so where the user repeated it. */
function checkDuplicates(filled: FilledExperimentFile): PathIssue[] {
  return SWEEP_AXES.flatMap((axis) => {
    const firstByValue = new Map<number, AxisEntry>();
    return axisEntries(filled, axis).flatMap((entry) => {
      const first = firstByValue.get(entry.value);
      if (first === undefined) {
        firstByValue.set(entry.value, entry);
        return [];
      }
      const same = entry.pruningRatio === undefined ? `repeats ${formatJsonPath(first.path)}` : `gives r = ${entry.value}, like ${formatJsonPath(first.path)} = ${first.pruningRatio}`;
      return [warning(entry.path, `${formatValue(entry.pruningRatio ?? entry.value)} ${same}; the cell runs once`)];
    });
  });
}

function checkTraining(filled: FilledExperimentFile, file: ExperimentFile, smallestSamples: number): PathIssue[] {
  const issues: PathIssue[] = [];
  const { training } = filled;
  const hiddenUnits = filled.teacher.hiddenUnits;
  if (filled.student.mask === 'magnitude' && training.init === 'near') {
    issues.push(
      warning(
        ['training', 'init'],
        'init "near" starts the dense student next to W*, so pruning sees the teacher\'s support before any training; "random" (or "tensor") shows what training finds',
      ),
    );
  }
  if (file.student?.pruning !== undefined && filled.student.mask !== 'magnitude') {
    issues.push(warning(['student', 'pruning'], `ignored: pruning applies to student.mask "magnitude", and mask is ${JSON.stringify(filled.student.mask)}`));
  }
  if (file.training?.initDistance !== undefined && training.init !== 'near') {
    issues.push(warning(['training', 'initDistance'], `ignored: initDistance applies to init "near", and init is ${JSON.stringify(training.init)}`));
  }
  if (training.init === 'tensor' && hiddenUnits > filled.teacher.inputDim) {
    issues.push(
      error(
        ['teacher', 'hiddenUnits'],
        `${hiddenUnits} hidden units exceed inputDim ${filled.teacher.inputDim}: init "tensor" finds K directions in R^d, so it needs hiddenUnits ≤ inputDim; expected a smaller K, or init "near" or "random"`,
      ),
    );
  }
  if (typeof training.batch === 'number' && training.batch > smallestSamples) {
    issues.push(warning(['training', 'batch'], `mini-batch size ${training.batch} exceeds samples ${smallestSamples}: such cells use every sample each iteration, like "full"`));
  }
  return issues;
}

/**
 * "split" with splitBlocks "auto" cuts the samples into blocks only when there are enough per
 * trained weight (the rule lives in training/batchSchedule.ts); otherwise it silently is the full
 * batch: say for which N. A given splitBlocks needs a sample per block, and "split" to matter.
 */
function checkSplitBatches(filled: FilledExperimentFile, nonzeros: number[], smallestSamples: number): PathIssue[] {
  const { batch, splitBlocks } = filled.training;
  if (splitBlocks !== 'auto' && batch !== 'split') return [warning(['training', 'splitBlocks'], `ignored: splitBlocks applies to batch "split", and batch is ${JSON.stringify(batch)}`)];
  if (splitBlocks !== 'auto' && splitBlocks > smallestSamples) {
    return [error(['training', 'splitBlocks'], `${splitBlocks} blocks need a sample each, but the sweep has samples ${smallestSamples}; expected at most ${smallestSamples} (or "auto")`)];
  }
  if (batch !== 'split' || nonzeros.length === 0) return [];
  const extra = Math.max(...axisEntries(filled, 'extraPerNeuron').map((entry) => entry.value));
  const largestRow = filled.student.mask === 'accurate' ? Math.max(...nonzeros) + extra : filled.teacher.inputDim;
  if (splitBlocks !== 'auto') {
    // A block with fewer samples than a row has weights leaves that row's block risk flat in some direction.
    const smallestBlock = Math.floor(smallestSamples / splitBlocks);
    return smallestBlock >= largestRow
      ? []
      : [warning(['training', 'splitBlocks'], `blocks of ${smallestBlock} samples (samples ${smallestSamples} / ${splitBlocks}) are fewer than the ${largestRow} weights of a mask row: each block's risk is flat in some directions; "auto" keeps at least 4 samples per weight`)];
  }
  const samples = [...new Set(axisEntries(filled, 'samples').map((entry) => entry.value))];
  const fullBatch = samples.filter((count) => planBatches('split', count, largestRow).kind === 'full');
  if (fullBatch.length === 0) return [];
  return [
    warning(
      ['training', 'batch'],
      `"split" is the full batch for samples ${fullBatch.join(', ')}: too few samples per trained weight to cut rows of ${largestRow} weights into blocks (training.splitBlocks sets the count)`,
    ),
  ];
}

function checkGridSize(filled: FilledExperimentFile, file: ExperimentFile): PathIssue[] {
  const cells = SWEEP_AXES.reduce((product, axis) => product * new Set(axisEntries(filled, axis).map((entry) => entry.value)).size, 1);
  const trainings = cells * filled.trials;
  if (trainings <= LARGE_GRID_TRAININGS) return [];
  return [warning(file.trials === undefined ? [] : ['trials'], `${cells} cells × ${filled.trials} trials = ${trainings} trainings is a very large grid (over ${LARGE_GRID_TRAININGS}); consider fewer values or shards (--shard)`)];
}

/**
 * The checks beyond the schema, for a file that already passed it. When nonzerosPerNeuron and
 * pruningRatio are both given, that is the only issue reported (nothing else can be resolved).
 */
export function semanticIssues(file: ExperimentFile): PathIssue[] {
  if (file.teacher?.nonzerosPerNeuron !== undefined && file.teacher?.pruningRatio !== undefined) {
    return [error(['teacher', 'pruningRatio'], 'give nonzerosPerNeuron or pruningRatio, not both; expected only one of them (pruningRatio = 1 - r/d)')];
  }
  const filled = withDefaults(file);
  const nonzeros = axisEntries(filled, 'nonzerosPerNeuron');
  // Only the valid r values below, so one bad r is not reported again through later checks.
  const validEntries = nonzeros.filter((entry) => entry.value <= filled.teacher.inputDim);
  const validNonzeros = validEntries.map((entry) => entry.value);
  const smallestSamples = Math.min(...axisEntries(filled, 'samples').map((entry) => entry.value));
  return [
    ...checkNonzeros(filled, nonzeros),
    ...checkStudentMask(filled, validNonzeros),
    ...checkDuplicates(filled),
    ...checkTraining(filled, file, smallestSamples),
    ...checkSplitBatches(filled, validNonzeros, smallestSamples),
    ...checkGridSize(filled, file),
    ...convexRegionIssues(file),
    ...adaptiveIssues(filled),
    ...theoryIssues(filled, validEntries),
  ];
}
