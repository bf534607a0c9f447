// What the theory says about a legal experiment file before it runs (editor squiggles of
// information severity, and `lth validate`): a sample grid that cannot show the phase boundary
// for some r, a step size past the stability bound, a momentum at which every r contracts at √β.
import type { PathIssue } from '../../../config/experimentProblem';
import { formatNumber } from '../../../../shared/formatNumber';
import { axisEntries, type AxisEntry, type FilledExperimentFile } from '../defaults';
import { divergentStepSize, sampleSmallestCurvature, saturatingMomentum } from './localHessian';

/**
 * Samples per trained weight at the 50% crossing, N* = c·r·K with c this: measured on the
 * phase-transition preset (d = 100, K = 5, init near, noiseless: N* ≈ 7.2·r through the origin).
 * Other initializations sit higher, so "the grid ends below the boundary" holds for every init.
 */
export const SAMPLES_PER_TRAINED_WEIGHT = 1.45;
/** Success is near 1 from about twice the crossing: the N to suggest, and where a grid starts too late. */
const SURE_SUCCESS_FACTOR = 2;

function information(path: PathIssue['path'], message: string): PathIssue {
  return { path, message, severity: 'information' };
}

function warning(path: PathIssue['path'], message: string): PathIssue {
  return { path, message, severity: 'warning' };
}

/** The predicted crossing N*(r) for K hidden units and `extra` extra mask positions per row. */
export function predictedCriticalSamples(nonzerosPerNeuron: number, hiddenUnits: number, extra = 0): number {
  return SAMPLES_PER_TRAINED_WEIGHT * (nonzerosPerNeuron + extra) * hiddenUnits;
}

/**
 * For each r of the sweep whose sample grid lies wholly below the predicted crossing (or, for
 * init "near", wholly past the sure-success point): a note at that r. Only where success has a
 * boundary: a noiseless teacher, no missing mask positions, an accurate mask, N swept.
 */
function checkBoundaryCrossed(filled: FilledExperimentFile, nonzeros: readonly AxisEntry[]): PathIssue[] {
  const samples = axisEntries(filled, 'samples').map((entry) => entry.value);
  const noiseless = axisEntries(filled, 'noiseStd').every((entry) => entry.value === 0);
  const complete = axisEntries(filled, 'missingPerNeuron').every((entry) => entry.value === 0);
  if (new Set(samples).size < 2 || !noiseless || !complete || filled.student.mask !== 'accurate') return [];
  const extra = Math.max(...axisEntries(filled, 'extraPerNeuron').map((entry) => entry.value));
  const largest = Math.max(...samples);
  const smallest = Math.min(...samples);
  const hiddenUnits = filled.teacher.hiddenUnits;
  // At the r when the file gives it; else (r = d by default) at the sample list, where the fix goes.
  const rWritten = filled.teacher.nonzerosPerNeuron !== undefined || filled.teacher.pruningRatio !== undefined;
  return nonzeros.flatMap((entry) => {
    const path = rWritten ? entry.path : ['samples'];
    const critical = predictedCriticalSamples(entry.value, hiddenUnits, extra);
    const form = `N* ≈ ${SAMPLES_PER_TRAINED_WEIGHT}·${extra > 0 ? '(r + extra)' : 'r'}·K = ${Math.round(critical)}`;
    if (largest < critical) {
      return [information(path, `the sample grid ends at N = ${largest}, below the predicted boundary for r = ${entry.value} (${form}): its success rate will not cross 50%; add N ≥ ${Math.ceil(SURE_SUCCESS_FACTOR * critical)}`)];
    }
    if (filled.training.init === 'near' && smallest > SURE_SUCCESS_FACTOR * critical) {
      return [information(path, `the sample grid starts at N = ${smallest}, past the predicted boundary for r = ${entry.value} (${form}): every N should succeed; add N ≤ ${Math.floor(critical / SURE_SUCCESS_FACTOR)}`)];
    }
    return [];
  });
}

/**
 * The curvature of the population risk is at most 1/K anywhere, so η < 2K is stable from any
 * start; near W* the bound is 2(1 + β)/λ_max (localHessian.ts), past which descent diverges.
 */
function checkStepSize(filled: FilledExperimentFile): PathIssue[] {
  const { stepSize } = filled.training;
  const hiddenUnits = filled.teacher.hiddenUnits;
  if (stepSize === 'auto' || stepSize < 2 * hiddenUnits) return [];
  const momenta = axisEntries(filled, 'momentum').map((entry) => entry.value);
  const smallestMomentum = Math.min(...momenta);
  const divergent = divergentStepSize(hiddenUnits, smallestMomentum);
  const bound = `heavy ball diverges once η·λ_max ≥ 2(1 + β), λ_max = (1/K²)(1/2 + (K − 1)/2π) at W*, i.e. η ≥ ${formatNumber(divergent)} at β = ${smallestMomentum}`;
  if (stepSize >= divergent) return [warning(['training', 'stepSize'], `${stepSize}: descent is expected to diverge: ${bound}`)];
  return [
    information(
      ['training', 'stepSize'],
      `${stepSize} ≥ 2K = ${2 * hiddenUnits}: past the step size that is stable from any start (the risk's curvature is at most 1/K); near W* it stays stable (${bound}), from a far start it may diverge ("auto" = K = ${hiddenUnits})`,
    ),
  ];
}

/**
 * Heavy ball contracts at exactly √β every direction with η·λ ≥ (1 − √β)²; once even the slowest
 * (the largest r at the smallest N) does, every r converges at √β and the rate says nothing of r.
 */
function checkMomentum(filled: FilledExperimentFile, nonzeros: readonly number[]): PathIssue[] {
  if (nonzeros.length === 0) return [];
  const hiddenUnits = filled.teacher.hiddenUnits;
  const stepSize = filled.training.stepSize === 'auto' ? hiddenUnits : filled.training.stepSize;
  const trained = filled.student.mask === 'dense' ? filled.teacher.inputDim : Math.max(...nonzeros) + Math.max(...axisEntries(filled, 'extraPerNeuron').map((entry) => entry.value));
  const smallestSamples = Math.min(...axisEntries(filled, 'samples').map((entry) => entry.value));
  const curvature = sampleSmallestCurvature(hiddenUnits, trained, smallestSamples);
  if (curvature === 0) return [];
  const saturating = saturatingMomentum(stepSize * curvature);
  return axisEntries(filled, 'momentum').flatMap((entry) =>
    entry.value > 0 && entry.value >= saturating
      ? [
          information(
            entry.path,
            `momentum ${entry.value}: every r converges at the saturated rate √β ≈ ${Math.sqrt(entry.value).toFixed(3)}, hiding the rate's dependence on r ` +
              `(heavy ball contracts at √β once β ≥ (1 − √(η·λ_min))² = ${formatNumber(saturating)}, λ_min the sample Hessian's at the largest r and smallest N); use β below ${formatNumber(saturating)}`,
          ),
        ]
      : [],
  );
}

/** The theory's notes on a schema-valid file; `nonzeros` are its valid r entries. */
export function theoryIssues(filled: FilledExperimentFile, nonzeros: readonly AxisEntry[]): PathIssue[] {
  return [...checkBoundaryCrossed(filled, nonzeros), ...checkStepSize(filled), ...checkMomentum(filled, nonzeros.map((entry) => entry.value))];
}
