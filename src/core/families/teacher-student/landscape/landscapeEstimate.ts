// What a convex-region sweep will take (measureConvexRegion.ts): per worker, the inputs, a few
// K × N preactivation arrays, the Lanczos basis and Ritz vectors, the directions; in time, the
// Hessian-vector products, the reorthogonalization and the radius scans. Plain JS loops, so
// no WebAssembly limit applies; the machine check (resourcePlan.ts) refuses what does not fit.
import type { ResourceEstimate } from '../../experimentFamily';
import { cellCount } from '../../../sweep/sweepCells';
import type { ConvexRegionSettings, Experiment } from '../types';
import { rowEntries } from '../resourceEstimate';

const FLOAT64 = 8;
/**
 * One multiply-add of these plain-JS loops: process CPU time of whole trials on the project's
 * 2-core machine (d = 100, K = 5, r = 5..40, N = 300..1200) was 1-3 times the count at 1 ns.
 */
const SECONDS_PER_FLOP = 2.5e-9;

const largest = (values: readonly number[]) => Math.max(...values);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export function estimateConvexRegion(experiment: Experiment, settings: ConvexRegionSettings): ResourceEstimate {
  const { inputDim, hiddenUnits, axes } = experiment;
  const samples = largest(axes.samples);
  const entries = hiddenUnits * rowEntries(experiment, largest(axes.nonzerosPerNeuron), largest(axes.extraPerNeuron), 0);
  const steps = Math.min(settings.lanczosSteps, entries);
  const maskFields = experiment.studentMask === 'dense' ? ['student.mask', 'teacher.inputDim'] : ['teacher.nonzerosPerNeuron', 'student.extraPerNeuron'];
  const perWorker = [
    { what: `the training inputs (inputDim ${inputDim} × samples ${samples})`, bytes: FLOAT64 * inputDim * samples, fields: ['teacher.inputDim', 'samples'] },
    {
      what: `the preactivations and residuals (hiddenUnits ${hiddenUnits} × samples ${samples}, several)`,
      bytes: FLOAT64 * (6 * hiddenUnits + 4) * samples,
      fields: ['teacher.hiddenUnits', 'samples'],
    },
    {
      what: `the Lanczos basis and Ritz vectors (${steps} steps × ${entries} mask entries)`,
      bytes: FLOAT64 * (2 * steps * entries + steps * steps),
      fields: ['analysis.convexRegion.lanczosSteps', 'teacher.hiddenUnits', ...maskFields],
    },
    {
      what: `the directions (${settings.directions} × ${entries} mask entries)`,
      bytes: FLOAT64 * settings.directions * entries,
      fields: ['analysis.convexRegion.directions', 'teacher.hiddenUnits', ...maskFields],
    },
  ].sort((left, right) => right.bytes - left.bytes);
  const trainings = cellCount(experiment) * experiment.trials;
  return { perWorker, shared: [], trainings, workerSeconds: trainings * meanTrialSeconds(experiment, settings) };
}

/** Mean over the cells of one trial's time (cells are a product of axes: means multiply). */
function meanTrialSeconds(experiment: Experiment, settings: ConvexRegionSettings): number {
  const { hiddenUnits, axes } = experiment;
  const meanSamples = mean(axes.samples);
  const meanEntries = hiddenUnits * rowEntries(experiment, mean(axes.nonzerosPerNeuron), mean(axes.extraPerNeuron), mean(axes.missingPerNeuron));
  const steps = Math.min(settings.lanczosSteps, meanEntries);
  // A product: two passes over the mask's inputs; reorthogonalization: two passes over the basis.
  const lanczos = steps * (3 * meanSamples * meanEntries + 4 * steps * meanEntries) + steps ** 3;
  // Each direction: its preactivations, then one O(N K) risk per grid point of the scan (a bound: scans stop at the first failure).
  const scan = settings.directions * (meanSamples * meanEntries + (settings.maxRadius / settings.resolution) * 3 * meanSamples * hiddenUnits);
  const data = 2 * meanSamples * meanEntries;
  return (lanczos + scan + data) * SECONDS_PER_FLOP;
}
