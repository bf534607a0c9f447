// The lottery-ticket experiment kind: iterative magnitude pruning of a multi-layer perceptron on
// MNIST-format images (Frankle & Carbin, ICLR 2019), with test error against training-set size
// and density. Its training runs in the worker (trialRunners.ts); its data set is loaded once
// per run into shared memory (the trial context).
import type { ExperimentFamily } from '../experimentFamily';
import { LOTTERY_TICKET_AXES, LOTTERY_TICKET_RECORD_AXES } from './axes';
import { lotteryTicketChart, lotteryTicketChartPlan } from './charts';
import { LOTTERY_TICKET_METRICS, LOTTERY_TICKET_SUMMARY } from './metrics';
import { resolveLotteryTicket } from './resolve';
import { estimateLotteryTicket } from './resourceEstimate';
import { LotteryTicketSchema, type LotteryTicketFile } from './schema';
import { lotteryTicketIssues } from './semanticChecks';
import { describeTicketTrial, lotteryTicketChartDefinition, lotteryTicketKeySettings } from './panelText';
import { BEST_TICKET_SUMMARY } from './summary';
import { ticketChainSpec } from './trialSpec';
import { chainParts, type LotteryTicketExperiment, type TicketCell } from './types';

export const lotteryTicketFamily: ExperimentFamily<LotteryTicketExperiment> = {
  kind: 'lottery-ticket',
  title: 'iterative magnitude pruning of a multi-layer network on MNIST-format images',
  schema: LotteryTicketSchema,
  axes: LOTTERY_TICKET_AXES,
  derivedAxes: LOTTERY_TICKET_RECORD_AXES,
  metrics: LOTTERY_TICKET_METRICS,
  defaultMetric: 'testError',
  summaryColumns: LOTTERY_TICKET_SUMMARY,
  rowFields: [
    { name: 'round', short: 'round' },
    { name: 'variant', short: 'variant' },
  ],
  summaryExtra: BEST_TICKET_SUMMARY,
  semanticIssues: (file) => lotteryTicketIssues(file as LotteryTicketFile),
  resolve: (file, name) => resolveLotteryTicket(file as LotteryTicketFile, name),
  trialParts: (experiment) => chainParts(experiment.rounds, experiment.controls).length,
  estimate: estimateLotteryTicket,
  trialSpec: (experiment, cell, trial) => ticketChainSpec(experiment, cell as TicketCell, trial),
  recordExtras: () => ({}),
  chartTarget: { label: 'Target test error', defaultValue: 0.05, min: 0.005, max: 0.9, step: 0.005 },
  chartPlan(values, options) {
    return lotteryTicketChartPlan(this, values, options.target ?? 0.05);
  },
  buildChart(spec, records, selectedMetric) {
    return lotteryTicketChart(this, spec, records, selectedMetric);
  },
  keySettings: lotteryTicketKeySettings,
  chartDefinition(spec, experiment) {
    return lotteryTicketChartDefinition(this, spec, experiment);
  },
  describeTrial(record, experiment) {
    return describeTicketTrial(this, record, experiment);
  },
};
