// What each network of a chain measures, as charts and `lth summarize` read it.
import type { MetricDefinition, SummaryColumn } from '../experimentFamily';

function metric(name: string, label: string, scale: 'log' | 'linear', lowerIsBetter = true): MetricDefinition {
  return { name, label, unit: '', scale, lowerIsBetter, band: true, selectable: true, value: (record) => (typeof record[name] === 'number' ? (record[name] as number) : null) };
}

/** In the order of the panel's picker; the first is its default. */
export const LOTTERY_TICKET_METRICS: readonly MetricDefinition[] = [
  metric('testError', 'Test error at early stopping', 'log'),
  metric('finalTestError', 'Test error after the last iteration', 'log'),
  metric('testLoss', 'Test loss at early stopping', 'log'),
  metric('trainError', 'Training error', 'linear'),
  // Test minus training error: may be negative early on, so never a log axis.
  metric('generalizationGap', 'Generalization gap (test − train error)', 'linear'),
  // Fewer iterations to the least validation loss: the network learns faster.
  metric('earlyStopIteration', 'Early-stopping iteration', 'linear'),
  { ...metric('density', 'Weights remaining', 'log', false), band: false, selectable: false },
];

export const LOTTERY_TICKET_SUMMARY: readonly SummaryColumn[] = [
  { kind: 'mean', metric: 'density', key: 'density', title: 'density' },
  { kind: 'describe', metric: 'testError', key: 'testError', title: 'test error (early stop)' },
  { kind: 'mean', metric: 'earlyStopIteration', key: 'earlyStopIteration', title: 'stop iter' },
  { kind: 'mean', metric: 'trainError', key: 'trainError', title: 'train err' },
  { kind: 'describe', metric: 'finalTestError', key: 'finalTestError' },
];
