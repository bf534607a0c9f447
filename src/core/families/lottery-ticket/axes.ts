// The lottery-ticket sweep axes in the order of cell keys, and the fields each record measures
// that charts plot along (density, round).
import { formatNumber } from '../../../shared/formatNumber';
import type { AxisDefinition, DerivedAxisDefinition } from '../experimentFamily';
import type { TicketAxis } from './types';

export const LOTTERY_TICKET_AXES: readonly (AxisDefinition & { name: TicketAxis })[] = [
  { name: 'trainSize', label: 'Training samples N', short: 'N', noun: 'N', unit: 'images', scale: 'log', legend: (value) => `N = ${value}` },
  { name: 'learningRate', label: 'Learning rate η', short: 'lr', noun: 'learning rate', unit: '', scale: 'log', legend: (value) => `η = ${formatNumber(value)}` },
  { name: 'fraction', label: 'Fraction pruned per round', short: 'prune', noun: 'pruning fraction', unit: '', scale: 'linear', legend: (value) => `${formatNumber(100 * value)}% per round` },
  { name: 'rewindIteration', label: 'Rewind iteration', short: 'rewind', noun: 'rewind iteration', unit: 'iterations', scale: 'linear', legend: (value) => (value === 0 ? 'rewind to init' : `rewind to ${value}`) },
];

export const LOTTERY_TICKET_RECORD_AXES: readonly DerivedAxisDefinition[] = [
  // Density spans decades (100% down to ~1%): a log axis, as Frankle & Carbin draw it.
  { name: 'density', label: 'Weights remaining', short: 'density', noun: 'density', unit: '', scale: 'log' },
  {
    name: 'round',
    label: 'Pruning round',
    short: 'round',
    noun: 'round',
    unit: '',
    scale: 'linear',
    // A round is read by the weights it leaves (a record of the round says how many).
    legend: (value, record) => (typeof record?.density === 'number' ? `round ${value} (${formatNumber(100 * record.density)}% of weights)` : `round ${value}`),
  },
];
