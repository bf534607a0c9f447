// The schema's defaults applied to a file, and where in the file each sweep axis's values live.
// The defaults themselves exist only in schema.ts; Value.Default reads them from there.
import { Value } from '@sinclair/typebox/value';
import type { SweepAxis } from './types';
import { ExperimentSchema, type ExperimentFile } from './schema';
import type { JsonPath } from '../../config/jsonPath';
import { coarseSamples } from './adaptive/coarseSamples';

type Filled<T> = { [Key in keyof T]-?: Exclude<T[Key], undefined> };
type Section<Key extends keyof ExperimentFile> = Filled<Exclude<ExperimentFile[Key], undefined>>;

/** An experiment file with every schema default filled in (r / pruningRatio, name, description stay optional). */
export type FilledExperimentFile = Omit<Filled<ExperimentFile>, 'teacher' | 'student' | 'training' | 'evaluation' | 'analysis' | 'name' | 'description' | '$schema'> & {
  teacher: Section<'teacher'> & { nonzerosPerNeuron?: number | number[]; pruningRatio?: number | number[] };
  student: Section<'student'> & { pruning: Filled<Section<'student'>['pruning']> };
  training: Section<'training'>;
  evaluation: Section<'evaluation'>;
  analysis?: ExperimentFile['analysis'];
  name?: string;
  description?: string;
};

/** The file with the schema's defaults filled in; `file` itself is not changed. Expects a schema-valid file. */
export function withDefaults(file: ExperimentFile): FilledExperimentFile {
  return Value.Default(ExperimentSchema, Value.Clone(file)) as FilledExperimentFile;
}

/** r for a pruning ratio at input dimension d, before clamping: round((1 - ratio) * d). */
export function roundedNonzeros(pruningRatio: number, inputDim: number): number {
  return Math.round((1 - pruningRatio) * inputDim);
}

/** One value of a sweep axis as the file gives it, with the JSON path of that value. */
export interface AxisEntry {
  value: number;
  path: JsonPath;
  /** For nonzerosPerNeuron given as pruningRatio: the ratio written in the file. */
  pruningRatio?: number;
}

/** Where each axis other than nonzerosPerNeuron lives in the file, and how to read it. */
const AXIS_SOURCES: Record<Exclude<SweepAxis, 'nonzerosPerNeuron'>, { path: JsonPath; read: (filled: FilledExperimentFile) => number | number[] }> = {
  // An adaptive search sweeps its coarse pass first: the N values known before anything runs.
  samples: { path: ['samples'], read: (filled) => (typeof filled.samples === 'object' && 'adaptive' in filled.samples ? coarseSamples(filled.samples.adaptive) : filled.samples) },
  noiseStd: { path: ['teacher', 'noiseStd'], read: (filled) => filled.teacher.noiseStd },
  momentum: { path: ['training', 'momentum'], read: (filled) => filled.training.momentum },
  extraPerNeuron: { path: ['student', 'extraPerNeuron'], read: (filled) => filled.student.extraPerNeuron },
  missingPerNeuron: { path: ['student', 'missingPerNeuron'], read: (filled) => filled.student.missingPerNeuron },
  initDistance: { path: ['training', 'initDistance'], read: (filled) => filled.training.initDistance },
};

function entries(given: number | number[], path: JsonPath): AxisEntry[] {
  return Array.isArray(given) ? given.map((value, index) => ({ value, path: [...path, index] })) : [{ value: given, path }];
}

/**
 * The values of one axis in file order (duplicates kept), each with its path. nonzerosPerNeuron
 * comes from pruningRatio when that is given (r = round((1 - ratio) d), clamped to >= 1), and is
 * inputDim (dense) when neither is.
 */
export function axisEntries(filled: FilledExperimentFile, axis: SweepAxis): AxisEntry[] {
  if (axis === 'nonzerosPerNeuron') {
    const { nonzerosPerNeuron, pruningRatio, inputDim } = filled.teacher;
    if (pruningRatio !== undefined) {
      return entries(pruningRatio, ['teacher', 'pruningRatio']).map((entry) => ({
        value: Math.max(1, roundedNonzeros(entry.value, inputDim)),
        path: entry.path,
        pruningRatio: entry.value,
      }));
    }
    return entries(nonzerosPerNeuron ?? inputDim, ['teacher', 'nonzerosPerNeuron']);
  }
  const source = AXIS_SOURCES[axis];
  return entries(source.read(filled), source.path);
}
