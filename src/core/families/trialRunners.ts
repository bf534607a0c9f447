// Experiment kind -> the function that trains one trial, for the worker threads. Kept apart from
// registry.ts so that the numeric kernels never enter the panel's bundle.
import { runTrial as runTeacherStudentTrial } from './teacher-student/training/runTrial';
import type { TrialSpec } from './teacher-student/types';

/** Trains one trial from its spec and returns the metrics that go into its record. */
export type TrialRunner = (spec: never) => object;

export const BUILT_IN_TRIAL_RUNNERS: Readonly<Record<string, TrialRunner>> = {
  'teacher-student': (spec: TrialSpec) => runTeacherStudentTrial(spec),
};
