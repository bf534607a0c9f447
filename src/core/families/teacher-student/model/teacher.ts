// The sparse teacher W* (paper.md §1): K rows, each with r non-zeros at uniformly random
// positions; values Gaussian on the support, optionally scaled to unit row norm.
import { chooseDistinctBelow } from '../../../random/chooseDistinct';
import type { RandomStream } from '../../../random/randomStream';
import { patternFromSupports, type SparseRows } from './sparseRows';

export interface TeacherOptions {
  inputDim: number;
  hiddenUnits: number;
  nonzerosPerNeuron: number;
  /** "unit-gaussian": Gaussian rows scaled to unit norm; "gaussian": i.i.d. N(0, 1) values. */
  weights: 'unit-gaussian' | 'gaussian';
}

export function generateTeacher(options: TeacherOptions, random: RandomStream): SparseRows {
  const { inputDim, hiddenUnits, nonzerosPerNeuron, weights } = options;
  if (nonzerosPerNeuron > inputDim) {
    throw new RangeError(`teacher: nonzerosPerNeuron ${nonzerosPerNeuron} exceeds inputDim ${inputDim} (r <= d)`);
  }
  if (weights !== 'unit-gaussian' && weights !== 'gaussian') {
    throw new RangeError(`teacher: weights is ${JSON.stringify(weights)}, expected "unit-gaussian" or "gaussian"`);
  }
  const supports: Int32Array[] = [];
  for (let row = 0; row < hiddenUnits; row++) supports.push(chooseDistinctBelow(random, inputDim, nonzerosPerNeuron));
  const pattern = patternFromSupports(supports, inputDim);
  const values = new Float64Array(pattern.columnIndex.length);
  random.fillGaussian(values, 0, values.length);
  if (weights === 'unit-gaussian') {
    for (let row = 0; row < hiddenUnits; row++) {
      const first = pattern.rowStart[row];
      const end = pattern.rowStart[row + 1];
      let squaredNorm = 0;
      for (let entry = first; entry < end; entry++) squaredNorm += values[entry] * values[entry];
      const scale = 1 / Math.sqrt(squaredNorm);
      for (let entry = first; entry < end; entry++) values[entry] *= scale;
    }
  }
  return { ...pattern, values };
}
