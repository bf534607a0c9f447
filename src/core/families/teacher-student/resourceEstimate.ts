// What a teacher-student sweep will take, before it runs: a worker's peak memory for the
// sweep's largest trial (the buffers runTrial.ts allocates, sized by the largest value of each
// axis) and the sweep's training time. A trial stores a row of inputs per feature only while
// the test set is small enough to keep (inputDim × testSamples); beyond that it stores only the
// features its networks use, so memory is O(used features), however large inputDim is.
import type { MemoryItem, ResourceEstimate } from '../experimentFamily';
import { cellCount } from '../../sweep/sweepCells';
import { adaptiveMaxTrainings } from './adaptive/adaptiveSearch';
import { formatBytes } from '../../../shared/formatQuantity';
import { keptPerRound } from './model/magnitudeMask';
import type { Experiment } from './types';
import { estimateConvexRegion } from './landscape/landscapeEstimate';

const FLOAT64 = 8;
const INT32 = 4;
/** Samples per forward pass outside the descent (runTrial.ts CHUNK_CAPACITY). */
const CHUNK_CAPACITY = 2048;
/** A test set of at most this many values is kept for the whole run (sharedTestSet.ts KEPT_LIMIT_VALUES). */
const KEPT_TEST_VALUES = 4 * 1024 * 1024;
/** What a WebAssembly (wasm32) memory can address: the kernel's buffers must fit in it. */
export const WASM_MEMORY_LIMIT = 4 * 2 ** 30;

// Time constants, measured with the WASM kernel on the project's 2-core machine (BENCHMARKS.md):
// one sample through one mask entry in the descent (forward and gradient) costs ~0.55 ns
// (d = 1000, K = 10, r = 50, N = 20000: 5.5 ms per iteration); a Gaussian input ~5 ns.
const SECONDS_PER_SAMPLE_ENTRY = 0.6e-9;
const SECONDS_PER_GAUSSIAN = 5e-9;
/** The second-moment and eigen work of the tensor initialization, per multiply-add. */
const SECONDS_PER_FLOP = 1e-9;

const largest = (values: readonly number[]) => Math.max(...values);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Mask entries per student row in a cell's largest training: all d for a dense mask and for magnitude pruning's dense phase, else the kept teacher positions plus the extra ones. */
export function rowEntries(experiment: Experiment, nonzeros: number, extra: number, missing: number): number {
  return experiment.studentMask === 'accurate' ? nonzeros - missing + extra : experiment.inputDim;
}

/** Samples one descent iteration reads (the full batch, a split block, or a mini-batch); an upper bound for split. */
function samplesPerIteration(experiment: Experiment, samples: number): number {
  return typeof experiment.batch === 'number' ? Math.min(experiment.batch, samples) : samples;
}

export function estimateTeacherStudent(experiment: Experiment): ResourceEstimate {
  if (experiment.convexRegion) return estimateConvexRegion(experiment, experiment.convexRegion);
  const { inputDim, hiddenUnits, maxIterations, testSamples, axes } = experiment;
  const samples = largest(axes.samples);
  const nonzeros = largest(axes.nonzerosPerNeuron);
  const entries = hiddenUnits * rowEntries(experiment, nonzeros, largest(axes.extraPerNeuron), 0);
  const maskFields = experiment.studentMask !== 'accurate' ? ['student.mask', 'teacher.inputDim'] : ['teacher.nonzerosPerNeuron', 'student.extraPerNeuron'];
  const miniBatch = typeof experiment.batch === 'number' && experiment.batch < samples ? experiment.batch : 0;
  const keptTest = inputDim * testSamples <= KEPT_TEST_VALUES;
  const testColumns = keptTest ? testSamples : Math.min(CHUNK_CAPACITY, Math.max(samples, testSamples));
  const unionSize = Math.min(inputDim, entries);
  // Rows of inputs: every feature beside a kept test set, else the features the teacher or the mask use.
  const usedFeatures = Math.min(inputDim, experiment.studentMask === 'dense' ? inputDim : hiddenUnits * (nonzeros + largest(axes.extraPerNeuron)));
  const featureRows = keptTest ? inputDim : usedFeatures;
  const rowsWhat = keptTest ? `inputDim ${inputDim}` : `${featureRows} used features`;

  // What sets the rows: inputDim beside a kept test set, else the networks' positions (and testSamples, which decides).
  const denseMask = experiment.studentMask === 'dense';
  const inputFields = keptTest || denseMask ? ['teacher.inputDim', ...(denseMask ? ['student.mask'] : [])] : ['teacher.nonzerosPerNeuron', 'student.extraPerNeuron', 'teacher.hiddenUnits'];
  const kernel: MemoryItem[] = [
    { what: `the training inputs (${rowsWhat} × samples ${samples})`, bytes: FLOAT64 * featureRows * samples, fields: [...inputFields, 'samples'] },
    { what: `the test inputs (${rowsWhat} × ${testColumns} test samples)`, bytes: FLOAT64 * featureRows * testColumns, fields: [...inputFields, 'evaluation.testSamples'] },
    { what: `the error of every iteration (maxIterations ${maxIterations})`, bytes: FLOAT64 * (maxIterations + 1), fields: ['training.maxIterations'] },
    { what: `the gathered mini-batch (${rowsWhat} × batch ${miniBatch})`, bytes: FLOAT64 * (featureRows + 1) * miniBatch, fields: [...inputFields, 'training.batch'] },
    {
      what: `the weights and mask (${entries} entries)`,
      bytes: (4 * FLOAT64 + INT32) * entries + (FLOAT64 + INT32) * hiddenUnits * nonzeros,
      fields: ['teacher.hiddenUnits', ...maskFields],
    },
    {
      what: `the per-sample activations (hiddenUnits ${hiddenUnits} × samples ${samples})`,
      bytes: FLOAT64 * ((hiddenUnits + 3) * samples + (hiddenUnits + 2) * CHUNK_CAPACITY),
      fields: ['teacher.hiddenUnits', 'samples'],
    },
  ];
  const scratch: MemoryItem[] = [
    // The tensor initialization builds dense K × (feature rows) weights.
    {
      what: `the initialization's dense weights (hiddenUnits ${hiddenUnits} × ${rowsWhat})`,
      bytes: experiment.init === 'tensor' ? FLOAT64 * hiddenUnits * featureRows : 0,
      fields: ['training.init', 'teacher.hiddenUnits', ...inputFields],
    },
    { what: `index arrays over the ${rowsWhat}`, bytes: 2 * INT32 * featureRows, fields: inputFields },
    {
      what: `the tensor initialization's moment matrices (${unionSize} × ${unionSize})`,
      bytes: experiment.init === 'tensor' ? 3 * FLOAT64 * unionSize * unionSize : 0,
      fields: ['training.init', 'teacher.hiddenUnits', ...maskFields],
    },
  ];
  const kernelBytes = kernel.reduce((sum, item) => sum + item.bytes, 0);
  const perWorker = [...kernel, ...scratch].filter((item) => item.bytes > 0).sort((left, right) => right.bytes - left.bytes);
  const trials = experiment.adaptiveSamples ? adaptiveMaxTrainings(experiment, experiment.adaptiveSamples) : cellCount(experiment) * experiment.trials;
  const largestKernelItem = kernel.reduce((big, item) => (item.bytes > big.bytes ? item : big));
  return {
    perWorker,
    shared: [],
    // Magnitude pruning trains the dense student, one network per pruning round, and the oracle.
    trainings: trials * (experiment.magnitudePruning ? experiment.magnitudePruning.steps + 2 : 1),
    workerSeconds: trials * meanTrialSeconds(experiment),
    ...(kernelBytes > WASM_MEMORY_LIMIT
      ? {
          refusal: `a trial's kernel buffers take ${formatBytes(kernelBytes)}, mostly ${largestKernelItem.what}, but a WebAssembly memory holds at most ${formatBytes(WASM_MEMORY_LIMIT)}; lower ${largestKernelItem.fields.join(' or ')}`,
        }
      : {}),
  };
}

/**
 * The mean over the sweep's cells of one trial's time, at most maxIterations iterations. The
 * cells are a Cartesian product, so the mean of a product of one-axis factors is the product of
 * the axes' means.
 */
function meanTrialSeconds(experiment: Experiment): number {
  const { inputDim, hiddenUnits, axes, magnitudePruning } = experiment;
  // Entries per row are linear in r, extra and missing: their mean is that of the means.
  const meanRowEntries = rowEntries(experiment, mean(axes.nonzerosPerNeuron), mean(axes.extraPerNeuron), mean(axes.missingPerNeuron));
  if (!magnitudePruning) return trainingSeconds(experiment, hiddenUnits * meanRowEntries);
  // Magnitude pruning: the dense phase, a training per pruning round, and the oracle on the support.
  const target = mean(axes.nonzerosPerNeuron) + mean(axes.extraPerNeuron) - mean(axes.missingPerNeuron);
  // The rounds before the last are whole counts; the last is the (mean) target itself.
  const earlierRounds = keptPerRound(inputDim, Math.min(inputDim, Math.max(1, Math.round(target))), magnitudePruning.steps).slice(0, -1);
  return [inputDim, ...earlierRounds, target, target].reduce((sum, entries) => sum + trainingSeconds(experiment, hiddenUnits * entries), 0);
}

/** One training with `meanEntries` mask entries, averaged over the sweep's sample counts. */
function trainingSeconds(experiment: Experiment, meanEntries: number): number {
  const { inputDim, maxIterations, testSamples, axes } = experiment;
  const meanSamples = mean(axes.samples);
  const descent = maxIterations * mean(axes.samples.map((samples) => samplesPerIteration(experiment, samples))) * meanEntries * SECONDS_PER_SAMPLE_ENTRY;
  // Only used features are drawn; a test set too large to keep is drawn again for every trial.
  const drawnTest = inputDim * testSamples <= KEPT_TEST_VALUES ? 0 : testSamples;
  const inputs = Math.min(inputDim, meanEntries) * (meanSamples + drawnTest) * SECONDS_PER_GAUSSIAN;
  const evaluation = 2 * testSamples * meanEntries * SECONDS_PER_SAMPLE_ENTRY;
  const unionSize = Math.min(inputDim, meanEntries);
  const tensor = experiment.init === 'tensor' ? (unionSize * unionSize * meanSamples + unionSize ** 3) * SECONDS_PER_FLOP : 0;
  return descent + inputs + evaluation + tensor;
}
