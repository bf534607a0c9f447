// Experiment kind -> how one of its trials is re-run for its weights (the panel's trial view).
// Node-side like trialRunners.ts: the numeric kernels never enter the panel's bundle. A kind
// without an entry has no weights to show (a lottery ticket's masks are pictures of its records).
import type { TrialWeights } from '../../shared/protocol';
import { teacherStudentWeights } from './teacher-student/training/trialWeights';
import type { TrialSpec } from './teacher-student/types';

export const BUILT_IN_TRIAL_INSPECTORS: Readonly<Record<string, (spec: never) => TrialWeights>> = {
  'teacher-student': (spec: TrialSpec) => teacherStudentWeights(spec),
};
