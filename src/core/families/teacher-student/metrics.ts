// What a teacher-student trial measures (paper.md §3), as the charts and `lth summarize` read it.
import type { MetricDefinition, SummaryColumn } from '../experimentFamily';
import type { TrialRecord } from './types';
import { CONVEX_REGION_METRICS } from './landscape/landscapeMetrics';

/** A metric read straight from a record field of the same name. */
function field(name: keyof TrialRecord & string, label: string, unit = ''): MetricDefinition {
  return { name, label, unit, scale: 'log', lowerIsBetter: true, band: true, selectable: true, value: (record) => record[name] as number | null };
}

/** In the order of the panel's picker; the first is its default. */
export const TEACHER_STUDENT_METRICS: readonly MetricDefinition[] = [
  field('generalizationError', 'Generalization error'),
  field('relativeGeneralizationError', 'Relative generalization error'),
  field('relativeError', 'Relative weight error'),
  // Before the descent: the initialization's own error (the tensor method's, for init "tensor").
  field('initialRelativeError', 'Relative weight error at initialization'),
  {
    name: 'successRate',
    label: 'Success rate',
    unit: '',
    scale: 'linear',
    lowerIsBetter: false,
    band: false,
    selectable: true,
    value: (record) => (record.success ? 1 : 0),
  },
  {
    // Has a chart of its own, so it is not offered in the picker.
    name: 'convergenceRate',
    label: 'Convergence rate',
    unit: '',
    scale: 'linear',
    lowerIsBetter: true,
    band: true,
    selectable: false,
    // One slow trial moves the mean enough to reorder r: lines and the summary use the median.
    line: 'median',
    value: (record) => record.convergenceRate as number | null,
  },
  // Only trials of student.mask "magnitude" have these (metrics/maskRecovery.ts); their charts are their own.
  maskShare('maskRecall', 'Mask recall (teacher positions kept)'),
  maskShare('maskPrecision', 'Mask precision (kept positions on the teacher)'),
  ...CONVEX_REGION_METRICS,
];

function maskShare(name: 'maskRecall' | 'maskPrecision', label: string): MetricDefinition {
  return { name, label, unit: '', scale: 'linear', lowerIsBetter: false, band: true, selectable: false, value: (record) => (record[name] as number | undefined) ?? null };
}

/** What `lth summarize` reports per cell, in its JSON order; the table shows those with a title. */
export const TEACHER_STUDENT_SUMMARY: readonly SummaryColumn[] = [
  { kind: 'rate', metric: 'successRate', countKey: 'successes', key: 'successRate', title: 'success' },
  { kind: 'describe', metric: 'relativeError', key: 'relativeError', title: 'relative error' },
  { kind: 'describe', metric: 'generalizationError', key: 'generalizationError', title: 'generalization error' },
  { kind: 'describe', metric: 'relativeGeneralizationError', key: 'relativeGeneralizationError' },
  { kind: 'quartiles', metric: 'convergenceRate', key: 'convergenceRate', title: 'rate' },
  // Trials of student.mask "magnitude" only.
  { kind: 'describe', metric: 'maskRecall', key: 'maskRecall', title: 'mask recall', whenPresent: true },
  { kind: 'describe', metric: 'maskPrecision', key: 'maskPrecision', whenPresent: true },
];
