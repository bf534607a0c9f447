// What the panel says about a lottery-ticket run in words: its key settings (data, network,
// training, pruning), the one-line definition under each chart, and one network's facts and
// learning curve for the trial view. Pure.
import type { TrialRecord } from '../../../shared/trialRecord';
import { formatNumber } from '../../../shared/formatNumber';
import { plural } from '../../../shared/formatQuantity';
import { formatValueList } from '../../../shared/formatValueList';
import { trialCurveChart } from '../../analysis/curvePoints';
import { trialIdentity } from '../../analysis/pointTrials';
import { describeFilter } from '../../analysis/seriesAxes';
import type { ChartData } from '../../analysis/chartData';
import type { ChartSpec, ExperimentFamily, KeySetting, TrialDescription } from '../experimentFamily';
import type { LotteryTicketExperiment } from './types';

function datasetName(dataset: LotteryTicketExperiment['dataset']): string {
  return typeof dataset === 'string' ? dataset : `IDX files in ${dataset.idxFolder}`;
}

export function lotteryTicketKeySettings(experiment: LotteryTicketExperiment): KeySetting[] {
  const { axes } = experiment;
  const lastDensity = axes.fraction.map((fraction) => (1 - fraction) ** experiment.rounds);
  return [
    { label: 'data', value: datasetName(experiment.dataset), detail: `validation set of ${experiment.validationSize} images held out of the training images` },
    { label: 'network', value: `784 → ${experiment.hiddenLayers.join(' → ')} → 10`, detail: 'layer widths of the multi-layer perceptron' },
    { label: 'N', value: formatValueList(axes.trainSize), detail: 'training images' },
    { label: 'optimizer', value: `${experiment.optimizer}, η = ${formatValueList(axes.learningRate)}`, detail: 'optimizer and learning rate' },
    { label: 'iterations', value: `${experiment.iterations} × batch ${experiment.batchSize}`, detail: `validation every ${experiment.evaluateEvery} iterations; the test error is read at the least validation loss` },
    { label: 'pruning', value: `${experiment.method}, ${experiment.scope}, ${formatValueList(axes.fraction.map((fraction) => 100 * fraction))}% per round`, detail: 'magnitude pruning: how, where and how much' },
    { label: 'rounds', value: `${experiment.rounds} (down to ${formatValueList(lastDensity.map((density) => 100 * density))}% of weights)` },
    { label: 'rewind', value: formatValueList(axes.rewindIteration), detail: 'iteration whose weights a ticket restarts from (0: the initialization)' },
    { label: 'controls', value: experiment.controls.length > 0 ? experiment.controls.join(', ') : 'none', detail: 'the same masks re-initialized, or random masks of the same density' },
    { label: 'trials', value: String(experiment.trials), detail: 'independent pruning chains per cell' },
  ];
}

const TEST_ERROR = 'test error at the iteration of least validation loss (early stopping)';

export function lotteryTicketChartDefinition(family: ExperimentFamily, spec: ChartSpec & { filter?: Record<string, number>; target?: number }, experiment: LotteryTicketExperiment): string {
  const fixed = spec.filter ? describeFilter(family, spec.filter) : '';
  const where = fixed ? ` (${fixed})` : '';
  switch (spec.id) {
    case 'error-vs-samples':
      return `Each point summarizes the ${plural(experiment.trials, 'ticket')} of one round and N; the y value is the ${TEST_ERROR}. Click a point to list its trials.`;
    case 'samples-needed':
      return `Per round${where}: the N at which the mean test error first reaches ${formatNumber(100 * (spec.target ?? 0))}%, interpolated in log N between the grid's sizes; a round that never reaches it has no point.`;
    case 'error-vs-density':
    case 'stop-vs-density':
      return `Each point summarizes the ${plural(experiment.trials, 'trial')} of one round: the ticket, and its controls (the same mask re-initialized, or a random mask of the same density). Click a point to list its trials.`;
    case 'learning-curves':
      return `Validation error during training${where}, one line per round: the ticket trial with the median test error.`;
    case 'mask-picture':
      return `Per input pixel, how many first-layer weights the ticket keeps${where}: the pixels pruning leaves the network to look at.`;
    default:
      return '';
  }
}

export function describeTicketTrial(family: ExperimentFamily, record: TrialRecord, experiment: LotteryTicketExperiment): TrialDescription {
  const facts: KeySetting[] = [
    ...trialIdentity(family, record, experiment.axes),
    { label: 'network', value: `round ${record.round}, ${String(record.variant)}` },
  ];
  if (typeof record.failed === 'string') return { facts: [...facts, { label: 'failed', value: record.failed }], charts: [], weightsOnRequest: false };
  facts.push(
    { label: 'density', value: `${formatNumber(100 * (record.density as number))}%`, detail: 'prunable weights kept' },
    { label: 'test error', value: formatNumber(record.testError as number), detail: TEST_ERROR },
    { label: 'stopped at', value: String(record.earlyStopIteration), detail: 'iteration of least validation loss' },
    { label: 'final test error', value: formatNumber(record.finalTestError as number), detail: `after all ${experiment.iterations} iterations` },
    { label: 'training error', value: formatNumber(record.trainError as number) },
  );
  const curve = record.curve as { iterations: number[]; validationError: number[] };
  const chart = trialCurveChart({
    title: `Validation error vs iteration (trial ${record.trial}, round ${record.round}, ${String(record.variant)})`,
    yLabel: 'Validation error',
    metric: 'validationError',
    trial: record.trial,
    iterations: curve.iterations,
    values: curve.validationError,
  });
  const charts: ChartData[] = [chart];
  const usage = record.inputUsage;
  const side = Array.isArray(usage) ? Math.round(Math.sqrt(usage.length)) : 0;
  if (Array.isArray(usage) && side * side === usage.length && side > 0) {
    // The network's own mask seen from the input: how many kept first-layer weights each pixel feeds.
    charts.push({
      kind: 'image',
      id: 'trial-mask',
      title: `What this network looks at: kept first-layer weights per pixel (round ${record.round})`,
      width: side,
      height: side,
      valueLabel: 'kept weights',
      images: [{ label: `${formatNumber(100 * (record.density as number))}% of weights`, values: usage as number[] }],
    });
  }
  return { facts, charts, weightsOnRequest: false };
}
