// The teacher-student experiment kind (paper.md): a sparse one-hidden-layer ReLU teacher and a
// student trained on the teacher's mask. Its training runs in the worker (trialRunners.ts).
import type { ExperimentFamily } from '../experimentFamily';
import { TEACHER_STUDENT_AXES, TEACHER_STUDENT_DERIVED_AXES } from './axes';
import { teacherStudentChart, teacherStudentChartPlan } from './charts';
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
  semanticIssues: (file) => semanticIssues(file as ExperimentFile),
  resolve: (file, name) => resolveTeacherStudent(file as ExperimentFile, name),
  estimate: estimateTeacherStudent,
  trialSpec: (experiment, cell, trial) => trialSpec(experiment, cell as SweepCell, trial),
  recordExtras: (experiment, cell) => ({ pruningRatio: pruningRatioOf(experiment, cell as SweepCell) }),
  chartPlan(values, options) {
    return teacherStudentChartPlan(this, values, options.curveSamples);
  },
  buildChart(spec, records, selectedMetric, values) {
    return teacherStudentChart(this, spec, records, selectedMetric, values);
  },
  keySettings: teacherStudentKeySettings,
  chartDefinition(spec, experiment) {
    return teacherStudentChartDefinition(this, spec, experiment);
  },
  describeTrial(record, experiment) {
    return describeTeacherStudentTrial(this, record, experiment);
  },
};
