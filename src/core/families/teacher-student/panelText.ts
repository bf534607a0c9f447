// What the panel says about a teacher-student run in words: its key settings (paper.md's d, K,
// r, N, init, η, β), the one-line definition under each chart, and one trial's facts and error
// curve for the trial view. Pure.
import type { TrialRecord as AnyTrialRecord } from '../../../shared/trialRecord';
import { formatNumber } from '../../../shared/formatNumber';
import { plural } from '../../../shared/formatQuantity';
import { formatValueList } from '../../../shared/formatValueList';
import { trialCurveChart } from '../../analysis/curvePoints';
import { trialIdentity } from '../../analysis/pointTrials';
import { describeFilter } from '../../analysis/seriesAxes';
import type { ChartSpec, ExperimentFamily, KeySetting, TrialDescription } from '../experimentFamily';
import type { TeacherStudentChart } from './charts';
import type { Experiment, TrialRecord } from './types';

const INIT_NAMES: Record<Experiment['init'], string> = { tensor: 'tensor method', near: 'near the teacher', random: 'random' };

export function teacherStudentKeySettings(experiment: Experiment): KeySetting[] {
  const { axes, inputDim } = experiment;
  const ratios = axes.nonzerosPerNeuron.map((r) => 1 - r / inputDim);
  const settings: KeySetting[] = [
    { label: 'd', value: String(inputDim), detail: 'input dimension' },
    { label: 'K', value: String(experiment.hiddenUnits), detail: 'hidden neurons of teacher and student' },
    { label: 'r', value: formatValueList(axes.nonzerosPerNeuron), detail: 'non-zero weights per neuron' },
    { label: 'ratio', value: formatValueList(ratios), detail: 'pruning ratio 1 − r/d' },
    { label: 'N', value: formatValueList(axes.samples), detail: 'training samples' },
    { label: 'init', value: INIT_NAMES[experiment.init], detail: 'how the student starts' },
    { label: 'η', value: formatNumber(experiment.stepSize), detail: 'step size' },
    { label: 'β', value: formatValueList(axes.momentum), detail: 'momentum (0: plain gradient descent)' },
    { label: 'trials', value: String(experiment.trials), detail: 'independent trials per cell' },
  ];
  // Settings at their usual value say nothing; shown only when they are not.
  if (axes.noiseStd.some((value) => value !== 0)) settings.push({ label: 'noise', value: formatValueList(axes.noiseStd), detail: 'label noise std' });
  if (experiment.studentMask !== 'accurate') settings.push({ label: 'mask', value: experiment.studentMask, detail: "the student's mask" });
  if (axes.extraPerNeuron.some((value) => value !== 0)) settings.push({ label: 'extra', value: formatValueList(axes.extraPerNeuron), detail: 'extra mask positions per neuron' });
  if (axes.missingPerNeuron.some((value) => value !== 0)) settings.push({ label: 'missing', value: formatValueList(axes.missingPerNeuron), detail: 'teacher positions missing from the mask, per neuron' });
  if (experiment.batch !== 'full') settings.push({ label: 'batch', value: String(experiment.batch), detail: 'samples per descent step' });
  settings.push({ label: 'success', value: `error < ${formatNumber(experiment.successThreshold)}`, detail: 'relative weight error below which a trial succeeds' });
  return settings;
}

/** What the relative weight error is, the quantity behind success and the curves. */
const RELATIVE_ERROR = 'relative weight error ‖W − W*‖/‖W*‖ (best neuron matching)';

export function teacherStudentChartDefinition(family: ExperimentFamily, chartSpec: ChartSpec, experiment: Experiment): string {
  const spec = chartSpec as TeacherStudentChart;
  const success = `a final ${RELATIVE_ERROR} below ${formatNumber(experiment.successThreshold)}`;
  switch (spec.kind) {
    case 'heatmap':
      return `Each cell: the share of its ${plural(experiment.trials, 'trial')} that succeed, success being ${success}. Boundary: for each r, the N where the success rate crosses 50% (interpolated between grid rows), fitted by the line N* = a·r + b.`;
    case 'curves':
      return `The ${RELATIVE_ERROR} at each iteration of one trial per line: the trial with the median final error among its ${experiment.trials}.`;
    case 'mask-variants':
      return `The final ${RELATIVE_ERROR} of three trainings on the same teachers and data: on the teacher's own mask (the oracle), on the mask magnitude pruning found, and of the dense student it was pruned from; median over trials.`;
    case 'metric': {
      if (experiment.convexRegion) {
        return 'Each point summarizes the trials of one cell, measured at W* without training: the Hessian of the training risk on the mask (Lanczos), and the convex radius, the relative distance ‖W − W*‖/‖W*‖ up to which the risk stays strongly convex along the flattest directions.';
      }
      if (spec.fixedMetric === 'convergenceRate') {
        return 'Convergence rate: the factor by which the error shrinks per iteration in its linear phase (below 1: converging; lower is faster); trials without a linear phase are left out.';
      }
      const fixed = describeFilter(family, spec.filter);
      return `Each point summarizes the ${plural(experiment.trials, 'trial')} of one cell${fixed ? ` (${fixed})` : ''}; the success rate is the share with ${success}. Click a point to list its trials.`;
    }
  }
}

export function describeTeacherStudentTrial(family: ExperimentFamily, anyRecord: AnyTrialRecord, experiment: Experiment): TrialDescription {
  const record = anyRecord as unknown as TrialRecord;
  const facts = trialIdentity(family, anyRecord, experiment.axes);
  if (typeof anyRecord.failed === 'string') return { facts: [...facts, { label: 'failed', value: anyRecord.failed }], charts: [], weightsOnRequest: false };
  facts.push(
    { label: 'initial error', value: formatNumber(record.initialRelativeError), detail: `${RELATIVE_ERROR} right after initialization` },
    { label: 'final error', value: formatNumber(record.relativeError), detail: `${RELATIVE_ERROR} after training` },
    { label: 'success', value: `${record.success ? 'yes' : 'no'} (threshold ${formatNumber(experiment.successThreshold)})` },
    { label: 'generalization error', value: formatNumber(record.generalizationError) },
    { label: 'iterations', value: String(record.iterations) },
    { label: 'convergence rate', value: formatNumber(record.convergenceRate) },
  );
  const curve = trialCurveChart({
    title: `Relative weight error vs iteration (trial ${record.trial})`,
    yLabel: 'Relative weight error',
    metric: 'relativeError',
    trial: record.trial,
    iterations: record.curve.iterations,
    values: record.curve.relativeError,
  });
  return { facts, charts: [curve], weightsOnRequest: true };
}
