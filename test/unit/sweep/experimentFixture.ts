// A small resolved experiment for the sweep tests, built through the real resolver.
import { resolveTeacherStudent } from '../../../src/core/families/teacher-student/resolve';
import type { ExperimentFile } from '../../../src/core/families/teacher-student/schema';
import type { Experiment } from '../../../src/core/families/teacher-student/types';

export function sweepExperiment(overrides: Partial<ExperimentFile> = {}): Experiment {
  return resolveTeacherStudent(
    {
      kind: 'teacher-student',
      seed: 7,
      teacher: { inputDim: 50, nonzerosPerNeuron: [5, 10, 20] },
      samples: [40, 80, 160, 320],
      training: { momentum: [0, 0.5] },
      trials: 5,
      ...overrides,
    },
    'sweep',
  );
}
