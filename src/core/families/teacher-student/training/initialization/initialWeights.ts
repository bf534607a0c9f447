// W(0) on the mask entries, by the spec's method (paper.md §2); all three are projected onto
// the mask, and each draws from the trial's "init" stream.
import type { TrialSpec } from '../../types';
import type { TeacherAlignment } from '../../metrics/weightError';
import { gatherOnPattern, rowSupport, type SparsityPattern } from '../../model/sparseRows';
import { trialStream } from '../../../../random/trialStreams';
import { nearInitialization } from './nearInitialization';
import { randomInitialization } from './randomInitialization';
import { tensorInitialization } from './tensor';

export interface InitializationContext {
  mask: SparsityPattern;
  alignment: TeacherAlignment;
  /** Training inputs (one row per column of the mask, features-major) and labels: the tensor method's moments use them. */
  inputs: Float64Array;
  labels: Float64Array;
}

export function initialWeights(spec: TrialSpec, context: InitializationContext): Float64Array {
  const random = trialStream(spec.seed, 'init');
  const { mask } = context;
  switch (spec.init) {
    case 'near':
      return nearInitialization(context.alignment, spec.initDistance, random);
    case 'random':
      return randomInitialization(mask.rowStart[mask.rowCount], spec.inputDim, random);
    case 'tensor': {
      const dense = tensorInitialization({
        // The mask's columns: all d features, or only the used ones when the inputs hold only those (runTrial.ts).
        inputDim: mask.columnCount,
        hiddenUnits: spec.hiddenUnits,
        samples: spec.samples,
        inputs: context.inputs,
        labels: context.labels,
        masks: Array.from({ length: mask.rowCount }, (_, row) => rowSupport(mask, row)),
        random,
      });
      return gatherOnPattern(mask, dense);
    }
  }
}
