// The trials behind a clicked point or heatmap cell, and one trial looked at closely: its seed,
// its facts and curves (from the family), and for kinds whose trials can be re-run, its weights
// on request (the extension re-runs the trial in a child process; records keep no weights).
import type { TrialQuery } from '../../src/core/analysis/pointTrials';
import { describeQuery } from '../../src/core/analysis/pointTrials';
import type { ExperimentFamily } from '../../src/core/families/experimentFamily';
import { formatNumber } from '../../src/shared/formatNumber';
import { plural } from '../../src/shared/formatQuantity';
import type { TrialWeights } from '../../src/shared/protocol';
import type { TrialRecord } from '../../src/shared/trialRecord';
import { ChartCard, type CardActions } from './chartCard';
import { element } from './dom';
import type { RunView, WeightsAnswer } from './panelStore';
import type { ChartTheme } from './theme';
import { renderWeightMatrices } from './weightMatrixView';

export interface TrialViewActions {
  save: CardActions['save'];
  /** Exports one of the trial's charts as a PNG (captioned like the panel's). */
  exportPng(card: ChartCard, name: string): void;
  /** Asks for a trial's weights; returns the request's id. Absent where no extension can re-run it (the report). */
  inspect?(run: RunView, record: TrialRecord): string;
  cancel?(requestId: string): void;
}

interface Shown {
  family: ExperimentFamily;
  run: RunView;
  records: TrialRecord[];
}

export class TrialView {
  readonly element = element('section', { className: 'trial-view', 'aria-label': 'Trials' });
  private readonly heading = element('h2', { tabindex: '-1' });
  private readonly list = element('div', { className: 'trial-list-box' });
  private readonly detail = element('div', { className: 'trial-detail' });
  private cards: ChartCard[] = [];
  private shown: Shown | undefined;
  private pendingRequest: string | undefined;
  /** The trial whose detail is shown, and its weights once they came. */
  private record: TrialRecord | undefined;
  private weights: TrialWeights | undefined;
  private theme: ChartTheme;

  constructor(theme: ChartTheme, private readonly actions: TrialViewActions) {
    this.theme = theme;
    const close = element('button', { type: 'button', text: 'Close', 'aria-label': 'Close the trial view' });
    close.addEventListener('click', () => this.close());
    this.element.append(element('header', { className: 'chart-header' }, [this.heading, close]), this.list, this.detail);
    this.element.hidden = true;
  }

  /** Lists the trials at `query` in `run`. */
  showTrials(family: ExperimentFamily, run: RunView, runName: string, query: TrialQuery, records: TrialRecord[]): void {
    this.cancelPending();
    this.shown = { family, run, records };
    this.element.hidden = false;
    const where = describeQuery(family, query, records[0]);
    this.heading.textContent = `${plural(records.length, 'trial record')} at ${where} (${runName})`;
    const metric = family.metrics.find((candidate) => candidate.name === family.defaultMetric);
    const partFields = family.rowFields ?? [];
    const header = ['trial', 'seed', ...partFields.map((field) => field.short), metric?.label ?? family.defaultMetric, ''];
    const rows = records.map((record, index) => {
      const open = element('button', { type: 'button', text: 'View', 'data-trial-index': String(index), 'aria-label': `View trial ${record.trial}` });
      open.addEventListener('click', () => this.showTrial(index));
      const value = typeof record.failed === 'string' ? `failed: ${record.failed}` : formatNumber(metric?.value(record) ?? null);
      const cells = [String(record.trial), String(record.seed), ...partFields.map((field) => String(record[field.name] ?? '')), value];
      return element('tr', {}, [...cells.map((text) => element('td', { text })), element('td', {}, [open])]);
    });
    this.list.replaceChildren(
      element('table', { className: 'trial-list' }, [
        element('thead', {}, [element('tr', {}, header.map((name) => element('th', { scope: 'col', text: name })))]),
        element('tbody', {}, rows),
      ]),
    );
    this.clearDetail();
    if (records.length === 1) this.showTrial(0);
    this.element.scrollIntoView?.({ block: 'nearest' });
    // A keyboard user who asked from a data table lands on the list.
    this.heading.focus({ preventScroll: true });
  }

  private showTrial(index: number): void {
    const shown = this.shown;
    if (!shown) return;
    this.cancelPending();
    this.clearDetail();
    const record = shown.records[index];
    this.record = record;
    const description = shown.family.describeTrial?.(record, shown.run.manifest.resolved);
    if (!description) {
      this.detail.append(element('p', { text: `Trial ${record.trial}, seed ${record.seed}.` }));
      return;
    }
    const facts = element('dl', { className: 'key-settings trial-facts' }, description.facts.flatMap((fact) => [element('dt', { text: fact.label, title: fact.detail }), element('dd', { text: fact.value })]));
    this.detail.append(element('h3', { text: `Trial ${record.trial}` }), facts);
    for (const data of description.charts) {
      const card = new ChartCard(`trial-${data.id}`, data, { line: 'mean', band: 'none', logX: false, logY: data.kind === 'line' && data.yScale === 'log' }, this.theme, {
        changeScales: (scales) => card.update(card.data, { line: 'mean', band: 'none', ...scales }, this.theme),
        save: this.actions.save,
        exportPng: () => this.actions.exportPng(card, `trial-${record.trial}-${data.id}`),
      });
      this.cards.push(card);
      this.detail.append(card.element);
    }
    if (description.weightsOnRequest && this.actions.inspect) this.offerWeights(shown.run, record);
  }

  private offerWeights(run: RunView, record: TrialRecord): void {
    const box = element('div', { className: 'trial-weights' });
    const button = element('button', { type: 'button', className: 'show-weights', text: 'Show weights (re-runs this trial)' });
    button.addEventListener('click', () => {
      const requestId = this.actions.inspect?.(run, record);
      if (requestId === undefined) return;
      this.pendingRequest = requestId;
      const cancel = element('button', { type: 'button', text: 'Cancel' });
      cancel.addEventListener('click', () => this.cancelPending('Cancelled.'));
      box.replaceChildren(element('p', { className: 'weights-status', role: 'status', text: `Re-running trial ${record.trial} (seed ${record.seed}) for its weights… ` }), cancel);
    });
    box.append(button);
    this.detail.append(box);
  }

  /** The host's answer to a weights request; ignored unless it answers the one pending. */
  showWeights(answer: WeightsAnswer): void {
    if (answer.requestId !== this.pendingRequest) return;
    this.pendingRequest = undefined;
    const box = this.detail.querySelector('.trial-weights');
    if (!box) return;
    if ('message' in answer) {
      box.replaceChildren(element('p', { className: 'weights-status', role: 'status', text: answer.message === 'cancelled' ? 'Cancelled.' : `No weights: ${answer.message}` }));
      return;
    }
    const recorded = typeof this.record?.relativeError === 'number' ? this.record.relativeError : undefined;
    const agreement =
      recorded === undefined
        ? ''
        : Math.abs(answer.weights.relativeError - recorded) <= 1e-9 * Math.max(1, Math.abs(recorded))
          ? ` — the same as recorded`
          : ` — the record says ${formatNumber(recorded)} (a different kernel rounds differently)`;
    this.weights = answer.weights;
    box.replaceChildren(
      element('p', { className: 'weights-status', role: 'status', text: `Re-run: final relative weight error ${formatNumber(answer.weights.relativeError)}${agreement}.` }),
      this.drawWeights(answer.weights),
    );
  }

  private drawWeights(weights: TrialWeights): HTMLElement {
    return renderWeightMatrices(weights, this.theme, Math.max(240, this.element.clientWidth - 16));
  }

  refreshTheme(theme: ChartTheme): void {
    this.theme = theme;
    // Canvas pixels do not follow the theme: the matrices are drawn again in its colours.
    const drawn = this.detail.querySelector('.weight-matrices');
    if (drawn && this.weights) drawn.replaceWith(this.drawWeights(this.weights));
    for (const card of this.cards) card.update(card.data, { line: 'mean', band: 'none', logX: false, logY: card.data.kind === 'line' && card.data.yScale === 'log' }, theme);
  }

  close(): void {
    this.cancelPending();
    this.clearDetail();
    this.shown = undefined;
    this.element.hidden = true;
  }

  private cancelPending(status?: string): void {
    if (this.pendingRequest === undefined) return;
    this.actions.cancel?.(this.pendingRequest);
    this.pendingRequest = undefined;
    const box = this.detail.querySelector('.trial-weights');
    if (box && status) box.replaceChildren(element('p', { className: 'weights-status', role: 'status', text: status }));
  }

  private clearDetail(): void {
    this.record = undefined;
    this.weights = undefined;
    for (const card of this.cards) card.destroy();
    this.cards = [];
    this.detail.replaceChildren();
  }
}
