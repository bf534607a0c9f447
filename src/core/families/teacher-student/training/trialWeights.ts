// One trial re-run for its final networks (the panel's trial view): records keep no weights, but
// a trial is a pure function of its spec, so running it again gives the very same networks.
import type { TrialWeights } from '../../../../shared/protocol';
import { selectKernel } from '../kernels/kernelSelection';
import { toDense } from '../model/sparseRows';
import type { TrialSpec } from '../types';
import { trainMagnitudeStudents, type TrainedStudent } from './magnitudeTrial';
import { trainStudent } from './runTrial';

/** Entries (K × d) past which the matrices are not sent: a webview message of tens of MB draws nothing readable. */
export const MAX_WEIGHT_ENTRIES = 1_000_000;

export function teacherStudentWeights(spec: TrialSpec): TrialWeights {
  const entries = spec.hiddenUnits * spec.inputDim;
  if (entries > MAX_WEIGHT_ENTRIES) {
    throw new RangeError(`the weights are ${spec.hiddenUnits} × ${spec.inputDim} = ${entries} entries, more than the ${MAX_WEIGHT_ENTRIES} the trial view draws`);
  }
  const kernel = selectKernel().kernel;
  if (spec.studentMask === 'magnitude') {
    // The recorded training is the one on the found mask; the dense student it was pruned from is shown beside it.
    const { found, denseInTeacherOrder } = trainMagnitudeStudents(spec, kernel, trainStudent);
    return weightsOf(spec, found, [{ label: 'Dense student W (learned, before pruning)', values: Array.from(denseInTeacherOrder) }], 'Student W (learned on the found mask)');
  }
  return weightsOf(spec, trainStudent(spec, kernel), [], 'Student W (learned)');
}

function weightsOf(spec: TrialSpec, trained: TrainedStudent, extra: TrialWeights['matrices'], studentLabel: string): TrialWeights {
  const { teacher, mask, finalWeights } = trained;
  return {
    rows: spec.hiddenUnits,
    columns: spec.inputDim,
    matrices: [
      { label: 'Teacher W*', values: Array.from(toDense(teacher, teacher.values)) },
      { label: studentLabel, values: Array.from(toDense(mask, finalWeights)) },
      ...extra,
    ],
    kept: Array.from(toDense(mask, new Float64Array(finalWeights.length).fill(1))),
    relativeError: trained.metrics.relativeError,
  };
}
