// One trial re-run for its final networks (the panel's trial view): records keep no weights, but
// a trial is a pure function of its spec, so running it again gives the very same networks.
import type { TrialWeights } from '../../../../shared/protocol';
import { selectKernel } from '../kernels/kernelSelection';
import { toDense } from '../model/sparseRows';
import type { TrialSpec } from '../types';
import { trainStudent } from './runTrial';

/** Entries (K × d) past which the matrices are not sent: a webview message of tens of MB draws nothing readable. */
export const MAX_WEIGHT_ENTRIES = 1_000_000;

export function teacherStudentWeights(spec: TrialSpec): TrialWeights {
  const entries = spec.hiddenUnits * spec.inputDim;
  if (entries > MAX_WEIGHT_ENTRIES) {
    throw new RangeError(`the weights are ${spec.hiddenUnits} × ${spec.inputDim} = ${entries} entries, more than the ${MAX_WEIGHT_ENTRIES} the trial view draws`);
  }
  if (spec.studentMask === 'magnitude') throw new RangeError('the trial view does not re-run magnitude-pruning trials (three trainings); their masks are summarized by mask precision and recall');
  const trained = trainStudent(spec, selectKernel().kernel);
  const { teacher, mask, finalWeights } = trained;
  return {
    rows: spec.hiddenUnits,
    columns: spec.inputDim,
    matrices: [
      { label: 'Teacher W*', values: Array.from(toDense(teacher, teacher.values)) },
      { label: 'Student W (learned)', values: Array.from(toDense(mask, finalWeights)) },
    ],
    kept: Array.from(toDense(mask, new Float64Array(finalWeights.length).fill(1))),
    relativeError: trained.metrics.relativeError,
  };
}
