// The teacher-student sweep axes (paper.md §4), in the order of cell keys, with their labels.
import { formatNumber } from '../../../shared/formatNumber';
import type { AxisDefinition, DerivedAxisDefinition } from '../experimentFamily';
import type { SweepAxis } from './types';

type TeacherStudentAxis = AxisDefinition & { name: SweepAxis };

// Every axis reads linear by default: the panel's log-x toggle is the user's choice per chart.
export const TEACHER_STUDENT_AXES: readonly TeacherStudentAxis[] = [
  { name: 'samples', label: 'Training samples N', short: 'N', noun: 'N', unit: 'samples', scale: 'linear', legend: (value) => `N = ${value}` },
  {
    name: 'nonzerosPerNeuron',
    label: 'Non-zeros per neuron r',
    short: 'r',
    noun: 'r',
    unit: 'weights',
    scale: 'linear',
    // The line of an r also says its pruning ratio when a record of it is at hand.
    legend: (value, record) =>
      typeof record?.pruningRatio === 'number' ? `ratio ${formatNumber(record.pruningRatio)} (r = ${value})` : `r = ${value}`,
  },
  { name: 'noiseStd', label: 'Label noise std', short: 'noise', noun: 'noise', unit: '', scale: 'linear', legend: (value) => `noise ${formatNumber(value)}` },
  {
    name: 'momentum',
    label: 'Momentum β',
    short: 'momentum',
    noun: 'momentum',
    unit: '',
    scale: 'linear',
    legend: (value) => (value === 0 ? 'β = 0 (GD)' : `β = ${formatNumber(value)}`),
  },
  {
    name: 'extraPerNeuron',
    label: 'Extra mask positions per neuron',
    short: 'extra',
    noun: 'extra positions',
    unit: 'weights',
    scale: 'linear',
    legend: (value) => `extra ${value}`,
  },
  {
    name: 'missingPerNeuron',
    label: 'Missing teacher positions per neuron',
    short: 'missing',
    noun: 'missing positions',
    unit: 'weights',
    scale: 'linear',
    legend: (value) => `missing ${value}`,
  },
  {
    name: 'initDistance',
    label: 'Initial distance |W₀ − W*| / |W*|',
    short: 'initDist',
    noun: 'initial distance',
    unit: '',
    scale: 'linear',
    legend: (value) => `init distance ${formatNumber(value)}`,
  },
];

/** r read the other way: the pruning ratio 1 - r/d, what the charts plot instead of r. */
export const TEACHER_STUDENT_DERIVED_AXES: readonly DerivedAxisDefinition[] = [
  { name: 'pruningRatio', from: 'nonzerosPerNeuron', label: 'Pruning ratio 1 − r/d', short: 'ratio', noun: 'pruning ratio', unit: '', scale: 'linear' },
];
