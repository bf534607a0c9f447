// The teacher, the student's mask and the training set of a trial, drawn from the same streams
// as runTrial.ts draws them: the landscape measured for a trial is the one its training would
// descend (same W*, same mask, same samples and noise).
import type { TrialSpec } from '../types';
import { GaussianInputSource } from '../model/gaussianInputs';
import { usedColumns, type SparseRows, type SparsityPattern } from '../model/sparseRows';
import { buildStudentMask } from '../model/studentMask';
import { generateTeacher } from '../model/teacher';
import { alignTeacherToMask } from '../metrics/weightError';
import { trialStream } from '../../../random/trialStreams';
import { preactivations, type RiskData } from './maskedRisk';

export interface LandscapeData extends RiskData {
  teacher: SparseRows;
  /** W* on the student's mask entries (0 where the teacher has no weight): the point measured. */
  teacherOnMask: Float64Array;
  /** |W*|_F of the whole teacher: distances are relative to it. */
  teacherNorm: number;
}

export function landscapeData(spec: TrialSpec): LandscapeData {
  const { seed, inputDim, hiddenUnits, samples } = spec;
  const teacher = generateTeacher(
    { inputDim, hiddenUnits, nonzerosPerNeuron: spec.nonzerosPerNeuron, weights: spec.teacherWeights },
    trialStream(seed, 'teacher'),
  );
  const mask: SparsityPattern = buildStudentMask(teacher, spec, trialStream(seed, 'mask'));
  const inputs = new Float64Array(inputDim * samples);
  new GaussianInputSource(seed, 'train-inputs', usedColumns(teacher, mask)).drawNext(inputs, samples, samples);

  const teacherPreactivations = preactivations({ pattern: teacher, inputs, labels: new Float64Array(samples), samples }, teacher.values);
  const labels = new Float64Array(samples);
  for (let row = 0; row < hiddenUnits; row++) {
    for (let sample = 0; sample < samples; sample++) labels[sample] += Math.max(0, teacherPreactivations[row * samples + sample]) / hiddenUnits;
  }
  if (spec.noiseStd > 0) {
    const noise = trialStream(seed, 'train-noise');
    for (let sample = 0; sample < samples; sample++) labels[sample] += spec.noiseStd * noise.nextGaussian();
  }
  const alignment = alignTeacherToMask(teacher, mask);
  return { pattern: mask, inputs, labels, samples, teacher, teacherOnMask: alignment.teacherOnMask, teacherNorm: Math.sqrt(alignment.teacherSquaredNorm) };
}
