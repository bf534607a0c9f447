// Experiment kind -> the function that trains one trial, for the worker threads, and what its
// trials share, prepared once per run. Kept apart from registry.ts so that the numeric kernels
// and data loading never enter the panel's bundle.
import type { ResolvedExperiment } from '../../shared/runManifest';
import type { TrialRunner } from '../execution/workerProtocol';
import { runTicketChain } from './lottery-ticket/training/ticketChain';
import { prepareTicketRun } from './lottery-ticket/training/ticketContext';
import type { LotteryTicketExperiment, TicketChainSpec } from './lottery-ticket/types';
import { measureConvexRegion } from './teacher-student/landscape/measureConvexRegion';
import { runTrial as runTeacherStudentTrial } from './teacher-student/training/runTrial';
import type { TrialSpec } from './teacher-student/types';

export const BUILT_IN_TRIAL_RUNNERS: Readonly<Record<string, TrialRunner>> = {
  'teacher-student': (spec: TrialSpec) => (spec.convexRegion ? measureConvexRegion(spec) : runTeacherStudentTrial(spec)),
  'lottery-ticket': (spec: TicketChainSpec, io) => runTicketChain(spec, io),
};

/**
 * Experiment kind -> what its trials share, prepared once per run on the main thread and sent
 * with every task (e.g. a data set in shared memory, which workers read without a copy).
 * `configDir` is the experiment file's folder (relative paths in the file resolve against it).
 */
export const BUILT_IN_TRIAL_CONTEXTS: Readonly<Record<string, (experiment: ResolvedExperiment, configDir: string) => unknown>> = {
  'lottery-ticket': (experiment, configDir) => prepareTicketRun(experiment as LotteryTicketExperiment, configDir),
};
