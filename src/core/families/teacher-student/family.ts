// The teacher-student experiment kind (paper.md): a sparse one-hidden-layer ReLU teacher and a
// student trained on the teacher's mask. Its training runs in the worker (trialRunners.ts).
import { axisNames, type ExperimentFamily } from '../experimentFamily';
import { adaptiveSearch } from './adaptive/adaptiveSearch';
import { TEACHER_STUDENT_AXES, TEACHER_STUDENT_DERIVED_AXES } from './axes';
import { teacherStudentChart, teacherStudentChartPlan } from './charts';
import { convexRegionChartPlan } from './landscape/landscapeCharts';
import { CONVEX_REGION_SUMMARY } from './landscape/landscapeMetrics';
import { TEACHER_STUDENT_METRICS, TEACHER_STUDENT_SUMMARY } from './metrics';
import { resolveTeacherStudent } from './resolve';
import { ExperimentSchema, type ExperimentFile } from './schema';
import { semanticIssues } from './semanticChecks';
import { estimateTeacherStudent } from './resourceEstimate';
import { describeTeacherStudentTrial, teacherStudentChartDefinition, teacherStudentKeySettings } from './panelText';
import { PHASE_BOUNDARY_SUMMARY } from './summary';
import { pruningRatioOf, trialSpec } from './trialSpec';
import type { Experiment, SweepCell } from './types';

export const teacherStudentFamily: ExperimentFamily<Experiment> = {
  kind: 'teacher-student',
  title: 'the one-hidden-layer model of the paper',
  schema: ExperimentSchema,
  axes: TEACHER_STUDENT_AXES,
  derivedAxes: TEACHER_STUDENT_DERIVED_AXES,
  metrics: TEACHER_STUDENT_METRICS,
  defaultMetric: 'generalizationError',
  summaryColumns: TEACHER_STUDENT_SUMMARY,
  summaryExtra: PHASE_BOUNDARY_SUMMARY,
  summaryFor: (experiment) => ((experiment as Experiment).convexRegion ? { columns: CONVEX_REGION_SUMMARY } : undefined),
  semanticIssues: (file) => semanticIssues(file as ExperimentFile),
  resolve: (file, name) => resolveTeacherStudent(file as ExperimentFile, name),
  estimate: estimateTeacherStudent,
  trialSpec: (experiment, cell, trial) => trialSpec(experiment, cell as SweepCell, trial),
  phasedSweep: (experiment) => adaptiveSearch(axisNames(teacherStudentFamily), experiment),
  recordExtras: (experiment, cell) => ({ pruningRatio: pruningRatioOf(experiment, cell as SweepCell) }),
  chartPlan(values, options) {
    // A convex-region run measured the landscape, not a training: its own charts.
    if (options.experiments?.some((experiment) => (experiment as Experiment).convexRegion)) return convexRegionChartPlan(this, values);
    const magnitude = options.experiments?.some((experiment) => (experiment as Experiment).studentMask === 'magnitude') ?? false;
    return teacherStudentChartPlan(this, values, options.curveSamples, magnitude);
  },
  buildChart(spec, records, selectedMetric, values, experiment) {
    return teacherStudentChart(this, spec, records, selectedMetric, values, experiment as Experiment | undefined);
  },
  keySettings: teacherStudentKeySettings,
  chartDefinition(spec, experiment) {
    return teacherStudentChartDefinition(this, spec, experiment);
  },
  describeTrial(record, experiment) {
    return describeTeacherStudentTrial(this, record, experiment);
  },
};
