// The bar above the charts: which metric, mean or median lines, which band, which runs (and how to compare
// them), and the N of the per-iteration chart. Native form controls: keyboard and screen
// reader support come for free, and the theme variables style them.
import type { ChartTarget, MetricDefinition } from '../../src/core/families/experimentFamily';
import { element } from './dom';
import type { RunView } from './panelStore';
import { RunList } from './runList';
import type { Layout, PanelSettings } from './panelSettings';

export interface ControlActions {
  change(patch: Partial<PanelSettings>): void;
  /** Absent where there is no host to open folders or keep labels (the standalone report). */
  openRunFolder?(runId: string): void;
  labelRun?(runId: string, label: string): void;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  return element('label', {}, [document.createTextNode(text), control]);
}

function options(select: HTMLSelectElement, entries: ReadonlyArray<[value: string, label: string]>): void {
  const signature = JSON.stringify(entries);
  if (select.dataset.options === signature) return;
  select.dataset.options = signature;
  select.replaceChildren(...entries.map(([value, label]) => element('option', { value, text: label })));
}

export class Controls {
  readonly element: HTMLElement;
  private readonly metric = element('select', { 'aria-label': 'Metric of the charts' });
  private readonly line = element('select', { 'aria-label': 'Line through the trials at each point' });
  private readonly band = element('select', { 'aria-label': 'Band around the line' });
  private readonly curveSamples = element('select', { 'aria-label': 'Training samples N of the error curves' });
  private readonly curveSamplesLabel: HTMLLabelElement;
  private readonly target = element('input', { type: 'number', 'aria-label': 'Target of the charts drawn for one' });
  private readonly targetLabel = element('label', {});
  private readonly layout = element('select', { 'aria-label': 'How to compare the selected runs' });
  private readonly layoutLabel: HTMLLabelElement;
  private readonly runList: RunList;

  constructor(actions: ControlActions) {
    options(this.line, [['mean', 'mean of the trials'], ['median', 'median of the trials']]);
    options(this.band, [['min-max', 'min – max over trials'], ['std', '± 1 std'], ['none', 'none']]);
    options(this.layout, [['overlay', 'overlaid'], ['side-by-side', 'side by side']]);
    this.metric.addEventListener('change', () => actions.change({ metric: this.metric.value as PanelSettings['metric'] }));
    this.line.addEventListener('change', () => actions.change({ line: this.line.value as PanelSettings['line'] }));
    this.band.addEventListener('change', () => actions.change({ band: this.band.value as PanelSettings['band'] }));
    this.layout.addEventListener('change', () => actions.change({ layout: this.layout.value as Layout }));
    this.curveSamples.addEventListener('change', () => actions.change({ curveSamples: Number(this.curveSamples.value) }));
    this.curveSamplesLabel = labelled('Curves at N ', this.curveSamples);
    this.target.addEventListener('change', () => {
      const value = Number(this.target.value);
      if (this.target.value !== '' && Number.isFinite(value) && this.target.checkValidity()) actions.change({ target: value });
    });
    this.layoutLabel = labelled('Compare ', this.layout);
    this.runList = new RunList({ select: (runIds) => actions.change({ selectedRunIds: runIds }), openRunFolder: actions.openRunFolder, labelRun: actions.labelRun });
    this.element = element('div', { className: 'controls', role: 'group', 'aria-label': 'Chart controls' }, [
      element('fieldset', {}, [element('legend', { text: 'Show' }), labelled('Metric ', this.metric), labelled('Line ', this.line), labelled('Band ', this.band), this.curveSamplesLabel, this.targetLabel]),
      this.runList.element,
    ]);
  }

  /** `metrics`: the family's selectable ones; `metric`: the one shown (the setting, or the family's default). */
  render(
    settings: PanelSettings,
    metrics: readonly MetricDefinition[],
    metric: MetricDefinition,
    runs: readonly RunView[],
    selected: readonly string[],
    sampleValues: readonly number[],
    target: ChartTarget | undefined,
    experimentFile: string | undefined,
  ): void {
    options(this.metric, metrics.map((candidate) => [candidate.name, candidate.label]));
    this.metric.value = metric.name;
    this.line.value = settings.line;
    // A standard deviation belongs to a mean: median lines are drawn with the trials' range.
    const medians = settings.line === 'median';
    (this.band.querySelector('option[value="std"]') as HTMLOptionElement).disabled = medians;
    this.band.value = medians && settings.band === 'std' ? 'min-max' : settings.band;
    // A success rate is a mean by definition (and has no band): both choices are moot there.
    this.line.disabled = !metric.band;
    this.band.disabled = !metric.band;
    this.layout.value = settings.layout;
    this.layoutLabel.hidden = selected.length < 2;
    this.curveSamplesLabel.hidden = sampleValues.length < 2;
    options(this.curveSamples, sampleValues.map((value) => [String(value), String(value)]));
    const curveSamples = settings.curveSamples !== null && sampleValues.includes(settings.curveSamples) ? settings.curveSamples : sampleValues[sampleValues.length - 1];
    if (curveSamples !== undefined) this.curveSamples.value = String(curveSamples);
    this.renderTarget(settings, target);
    this.runList.render(runs, selected, experimentFile, this.layoutLabel);
  }

  private renderTarget(settings: PanelSettings, target: ChartTarget | undefined): void {
    this.targetLabel.hidden = target === undefined;
    if (target === undefined) return;
    this.targetLabel.replaceChildren(document.createTextNode(`${target.label} `), this.target);
    this.target.min = String(target.min);
    this.target.max = String(target.max);
    this.target.step = String(target.step);
    if (document.activeElement !== this.target) this.target.value = String(settings.target ?? target.defaultValue);
  }
}
