// The panel: checks each host message, applies it to the store, and redraws on the next
// animation frame (a burst of live appends costs one redraw). Charts are reconciled by id:
// a chart that stays in the plan is updated in place, never re-created.
import type { ChartData, LineChartData } from '../../src/core/analysis/chartData';
import { chartsCsv } from '../../src/core/analysis/seriesCsv';
import { trialsCsv } from '../../src/core/analysis/trialsCsv';
import { overlayLineCharts } from '../../src/core/analysis/seriesPlan';
import { trialsAt, type TrialQuery } from '../../src/core/analysis/pointTrials';
import { runFolderName, runsGrid, type RunsGrid } from '../../src/core/analysis/seriesRuns';
import type { ExperimentFamily, MetricDefinition } from '../../src/core/families/experimentFamily';
import { familyOf } from '../../src/core/families/registry';
import { errorMessage, errorStack } from '../../src/shared/errorMessage';
import { checkHostToPanelMessage } from '../../src/shared/protocolGuards';
import { measuredRecords } from '../../src/shared/trialRecord';
import { applyThemeDefaults } from './chartSetup';
import { ChartCard, type CardSettings } from './chartCard';
import { exportChartsPng, type ExportCaption } from './exportAll';
import { Controls } from './controls';
import { element } from './dom';
import type { PanelHost } from './host';
import { readSettings, type PanelSettings } from './panelSettings';
import { PanelStore, type RunView } from './panelStore';
import { ShardProgressView } from './shardProgressView';
import { RunAbout } from './runAbout';
import { runNames } from './runNames';
import { readTheme, watchThemeChanges, type ChartTheme } from './theme';
import { TrialView } from './trialView';

interface CardPlan {
  cardId: string;
  /** The plan id: scale toggles are shared by every card of one plan entry. */
  specId: string;
  data: ChartData;
  /** The one line under it (see ExperimentFamily.chartDefinition). */
  definition: string;
  /** The runs its lines are of, by their runIndex (one run for a card per run). */
  runIds: string[];
}

export class PanelApp {
  private readonly store = new PanelStore();
  private settings: PanelSettings;
  private theme: ChartTheme;
  private readonly heading = element('h1', { text: 'LTH Lab' });
  private readonly status = element('div', { className: 'status-line', role: 'status', 'aria-live': 'polite' });
  private readonly shardProgress = new ShardProgressView();
  private readonly message = element('div', { className: 'message', role: 'status' });
  private readonly errorBanner = element('div', { className: 'error-banner', role: 'alert' });
  private readonly chartsRoot = element('section', { className: 'charts', 'aria-label': 'Charts' });
  private readonly controls: Controls;
  private readonly about = new RunAbout();
  private readonly trialView: TrialView;
  private inspectionCount = 0;
  /** What a click on a card's point refers to: the family and run names of the last render, and each card's runs. */
  private pickContext: { family: ExperimentFamily; names: ReadonlyMap<string, string> } | undefined;
  private readonly cardRuns = new Map<string, string[]>();
  private readonly cards = new Map<string, ChartCard>();
  private readonly rows = new Map<string, HTMLElement>();
  private renderPending = false;
  /** Whether the next render must recompute the charts (not just the status line). */
  private chartsStale = true;

  constructor(private readonly root: HTMLElement, private readonly host: PanelHost) {
    this.settings = readSettings(host.loadState());
    this.theme = readTheme();
    applyThemeDefaults(this.theme);
    this.controls = new Controls({
      change: (patch) => this.changeSettings(patch),
      openRunFolder: host.interactive ? (runId) => host.post({ type: 'open-run-folder', runId }) : undefined,
      labelRun: host.interactive ? (runId, label) => host.post({ type: 'label-run', runId, label }) : undefined,
    });
    this.trialView = new TrialView(this.theme, {
      save: (kind, name, content) => this.saveChart(kind, name, content),
      exportPng: (card, name) => this.exportCardPng(card, name),
      inspect: host.interactive
        ? (run, record) => {
            const requestId = `inspect-${++this.inspectionCount}`;
            host.post({ type: 'inspect-trial', requestId, runId: run.runId, cell: record.cell, trial: record.trial });
            return requestId;
          }
        : undefined,
      cancel: host.interactive ? (requestId) => host.post({ type: 'cancel-inspection', requestId }) : undefined,
    });
    this.controls.element.hidden = true;
    this.errorBanner.hidden = true;
    root.setAttribute('aria-busy', 'true');
    this.about.element.hidden = true;
    root.replaceChildren(
      element('header', {}, [this.heading, this.about.element, this.status, this.shardProgress.element, this.controls.element]),
      this.errorBanner,
      this.message,
      this.chartsRoot,
      this.trialView.element,
    );
    this.showMessage('Loading results…');
    watchThemeChanges(() => this.refreshTheme());
  }

  /** Entry point for everything the host sends: checked first, dropped (and logged) when malformed. */
  receive(raw: unknown): void {
    const checked = checkHostToPanelMessage(raw);
    if (!checked.ok) {
      this.log('warn', `Dropped a malformed message: ${checked.problem}`);
      // Without its snapshot the panel has nothing to draw: say why, rather than "Loading…" forever.
      if (!this.store.loaded || (raw as { type?: unknown } | null)?.type === 'snapshot') this.receive({ type: 'error', message: `The results could not be shown: ${checked.problem}` });
      return;
    }
    if (checked.value.type === 'export-request') {
      this.exportAll(checked.value);
      return;
    }
    if (checked.value.type === 'shard-progress') {
      this.shardProgress.show(checked.value.shards);
      return;
    }
    try {
      const change = this.store.apply(checked.value);
      // The host owns the selection (it remembers it per experiment and picks a new live
      // run): each snapshot's choice replaces the panel's.
      if (change === 'snapshot' && this.store.hostSelection.length > 0) this.settings = { ...this.settings, selectedRunIds: this.store.hostSelection };
      if (change === 'theme') this.refreshTheme();
      else if (change === 'weights' && this.store.weightsAnswer) this.trialView.showWeights(this.store.weightsAnswer);
      else if (change !== 'nothing') this.scheduleRender(change !== 'status');
    } catch (error) {
      this.log('warn', `Dropped a message: ${errorMessage(error)}`);
    }
  }

  /** Answers the extension's export-request with one save-file: every chart (png, csv) or every trial (csv). */
  private exportAll(request: { kind: 'png' | 'csv'; publication?: boolean; perTrial?: boolean }): void {
    if (this.renderPending) this.render(); // export what the latest data shows
    const cards = [...this.chartsRoot.querySelectorAll<HTMLElement>('.chart-card')]
      .map((node) => [...this.cards.values()].find((card) => card.element === node))
      .filter((card): card is ChartCard => card !== undefined);
    const stem = fileStem(this.store.experiment ?? 'charts');
    try {
      if (request.kind === 'png') {
        const name = `${stem}-charts${request.publication ? '-publication' : ''}.png`;
        this.host.saveFile(name, 'png', exportChartsPng(cards, this.exportCaption(), this.theme, request.publication ?? false));
      } else if (request.perTrial) {
        this.host.saveFile(`${stem}-trials.csv`, 'csv', this.trialsTable());
      } else {
        this.host.saveFile(`${stem}-charts.csv`, 'csv', chartsCsv(cards.map((card) => card.data)));
      }
    } catch (error) {
      this.log('error', `Export failed: ${errorMessage(error)}`);
    }
  }

  /** One card's PNG button. */
  private exportCardPng(card: ChartCard | undefined, name: string): void {
    if (!card) return;
    try {
      this.host.saveFile(`${fileStem(this.store.experiment ?? 'chart')}-${fileStem(name)}.png`, 'png', exportChartsPng([card], this.exportCaption(), this.theme, false));
    } catch (error) {
      this.log('error', `Export failed: ${errorMessage(error)}`);
    }
  }

  /** What an exported image is of: the experiment and the runs shown. */
  private exportCaption(): ExportCaption {
    return { experiment: this.store.experiment ?? '', runs: this.selectedRuns().map((run) => runFolderName(run.runId)) };
  }

  /** Every trial of the runs shown, one row each. */
  private trialsTable(): string {
    const runs = this.selectedRuns();
    if (runs.length === 0) throw new Error('there are no trials to export yet');
    return trialsCsv(familyOf(runs[0].manifest.kind), runs.map((run) => ({ run: runFolderName(run.runId), records: run.records })));
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    console[level === 'info' ? 'info' : level](message);
    this.host.post({ type: 'log', level, message });
  }

  private changeSettings(patch: Partial<PanelSettings>): void {
    this.settings = { ...this.settings, ...patch };
    this.host.saveState(this.settings);
    if (patch.selectedRunIds) this.host.post({ type: 'select-runs', runIds: patch.selectedRunIds });
    this.scheduleRender();
  }

  private saveChart(kind: 'csv', name: string, content: string): void {
    this.host.saveFile(`${fileStem(this.store.experiment ?? 'chart')}-${fileStem(name)}.${kind}`, kind, content);
  }

  /** A click on a point or heatmap cell of card `cardId`: its trials, listed in the trial view. */
  private pickTrials(cardId: string, query: TrialQuery, runIndex: number): void {
    const runIds = this.cardRuns.get(cardId) ?? [];
    const run = this.store.run(runIds[runIndex] ?? runIds[0]);
    if (!run || !this.pickContext) return;
    const { family, names } = this.pickContext;
    this.trialView.showTrials(family, run, names.get(run.runId) ?? run.runId, query, trialsAt(run.records, query));
  }

  private refreshTheme(): void {
    this.theme = readTheme();
    applyThemeDefaults(this.theme);
    this.trialView.refreshTheme(this.theme);
    this.scheduleRender();
  }

  private scheduleRender(chartsChanged = true): void {
    this.chartsStale ||= chartsChanged;
    if (this.renderPending) return;
    this.renderPending = true;
    requestAnimationFrame(() => {
      this.renderPending = false;
      try {
        this.render();
      } catch (error) {
        this.errorBanner.hidden = false;
        this.errorBanner.textContent = `The panel could not draw the charts: ${errorMessage(error)}`;
        this.log('error', `Render failed: ${errorStack(error)}`);
      }
    });
  }

  /** The runs to show: the selection (host's or user's) where those runs exist, else the newest. */
  private selectedRuns(): RunView[] {
    const ids = this.settings.selectedRunIds.filter((id) => this.store.run(id));
    if (ids.length > 0) return ids.map((id) => this.store.run(id) as RunView);
    const newest = this.store.runs.reduce<RunView | undefined>(
      (latest, run) => (latest === undefined || run.manifest.startedAt > latest.manifest.startedAt ? run : latest),
      undefined,
    );
    return newest ? [newest] : [];
  }

  private render(): void {
    const store = this.store;
    this.errorBanner.hidden = store.error === null;
    this.errorBanner.textContent = store.error ?? '';
    if (!store.loaded) {
      // An error before any data is the final word: nothing is loading any more.
      if (store.error !== null) {
        this.root.setAttribute('aria-busy', 'false');
        this.showMessage(null);
      }
      return;
    }
    this.root.setAttribute('aria-busy', 'false');
    this.heading.textContent = `LTH Lab — ${store.experiment}`;
    const runs = this.selectedRuns();
    this.controls.element.hidden = runs.length === 0;
    if (runs.length === 0) {
      this.status.replaceChildren();
      this.showMessage(`No runs of ${store.experiment} yet. Run the experiment to see its charts here.`);
      this.reconcile([]);
      return;
    }
    // One experiment, so one kind: the family that reads its records and plans its charts.
    const family = familyOf(runs[0].manifest.kind);
    const grid = runsGrid(family, runs.map((run) => ({ runId: run.runId, records: run.records, axes: run.manifest.resolved.axes })));
    const values = grid.values;
    const metric = shownMetric(family, this.settings.metric);
    const sampleValues = values.samples ?? [];
    this.controls.render(
      this.settings,
      family.metrics.filter((candidate) => candidate.selectable),
      metric,
      store.runs,
      runs.map((run) => run.runId),
      sampleValues.length > 1 ? sampleValues : [],
      family.chartTarget,
      store.experimentFile,
    );
    const names = runNames(runs, grid.labels);
    this.pickContext = { family, names };
    this.about.render(family, runs, names);
    this.renderStatus(runs, names);

    const records = runs.reduce((total, run) => total + run.records.length, 0);
    if (records === 0) this.showMessage('No trials finished yet: the charts appear with the first one.');
    else this.showMessage(null);

    // A run-status alone (sent with every live batch) changes no chart: skip recomputing them.
    if (!this.chartsStale) return;
    this.reconcile(records === 0 ? [] : this.planCards(family, metric, runs, grid.values, names));
    this.chartsStale = false;
  }

  private renderStatus(runs: readonly RunView[], names: ReadonlyMap<string, string>): void {
    const parts = runs.map((run) => {
      const label = runs.length > 1 ? `${names.get(run.runId) ?? runFolderName(run.runId)}: ` : '';
      if (run.status !== 'running') return element('span', { text: `${label}${run.status}, ${run.completedTrials} of ${run.totalTrials} trials` });
      const bar = element('progress', { max: String(Math.max(run.totalTrials, 1)), 'aria-label': `Progress of run ${run.runId}` });
      bar.value = run.completedTrials;
      return element('span', {}, [document.createTextNode(`${label}running: ${run.completedTrials} / ${run.totalTrials} trials `), bar]);
    });
    this.status.replaceChildren(...parts);
  }

  private showMessage(text: string | null): void {
    this.message.hidden = text === null;
    this.message.textContent = text ?? '';
  }

  private planCards(family: ExperimentFamily, metric: MetricDefinition, runs: readonly RunView[], values: RunsGrid['values'], names: ReadonlyMap<string, string>): CardPlan[] {
    const plan = family.chartPlan(values, {
      curveSamples: this.settings.curveSamples ?? undefined,
      target: this.settings.target ?? family.chartTarget?.defaultValue,
      experiments: runs.map((run) => run.manifest.resolved),
    });
    const overlay = this.settings.layout === 'overlay' || runs.length === 1;
    const experiment = runs[0].manifest.resolved;
    return plan.flatMap((spec) => {
      const definition = family.chartDefinition?.(spec, experiment) ?? '';
      // Failed trials have no measurements to draw (the status line counts them).
      const perRun = runs.map((run) => ({ run, chart: family.buildChart(spec, measuredRecords(run.records), metric.name, values, run.manifest.resolved) }));
      if (overlay && perRun.every(({ chart }) => chart.kind === 'line')) {
        const charts = perRun.map(({ run, chart }) => ({ runId: run.runId, runLabel: names.get(run.runId) as string, chart: chart as LineChartData }));
        const data = runs.length > 1 ? overlayLineCharts(charts) : perRun[0].chart;
        return [{ cardId: spec.id, specId: spec.id, data, definition, runIds: runs.map((run) => run.runId) }];
      }
      return perRun.map(({ run, chart }) => ({
        cardId: runs.length > 1 ? `${spec.id}@${run.runId}` : spec.id,
        specId: spec.id,
        data: runs.length > 1 ? { ...chart, title: `${chart.title} — ${names.get(run.runId)}` } : chart,
        definition,
        runIds: [run.runId],
      }));
    });
  }

  private cardSettings(card: CardPlan): CardSettings {
    const stored = this.settings.scales[card.specId];
    const data = card.data;
    // Errors span decades; so does N on a grid like 8, 16, ..., 512 (then a linear heatmap squashes the small N).
    const logYByDefault =
      data.kind === 'line' ? data.yScale === 'log' : data.kind === 'heatmap' && data.sampleValues[data.sampleValues.length - 1] >= 8 * data.sampleValues[0];
    const logXByDefault = data.kind === 'line' && data.xScale === 'log';
    // A success rate is a mean by definition: the median of 0/1 outcomes would say nothing.
    const line = data.kind === 'line' && data.band ? (data.line ?? this.settings.line) : 'mean';
    return { line, band: this.settings.band, logX: stored?.logX ?? logXByDefault, logY: stored?.logY ?? logYByDefault };
  }

  private reconcile(planned: readonly CardPlan[]): void {
    const wanted = new Set(planned.map((card) => card.cardId));
    for (const [cardId, card] of this.cards) {
      if (wanted.has(cardId)) continue;
      card.destroy();
      this.cards.delete(cardId);
      this.cardRuns.delete(cardId);
    }
    const rowOrder: HTMLElement[] = [];
    for (const card of planned) {
      let row = this.rows.get(card.specId);
      if (!row) this.rows.set(card.specId, (row = element('div', { className: 'chart-row' })));
      if (!rowOrder.includes(row)) rowOrder.push(row);
      const settings = this.cardSettings(card);
      let view = this.cards.get(card.cardId);
      if (view) view.update(card.data, settings, this.theme);
      else {
        const specId = card.specId;
        const cardId = card.cardId;
        view = new ChartCard(cardId, card.data, settings, this.theme, {
          changeScales: (scales) => this.changeSettings({ scales: { ...this.settings.scales, [specId]: scales } }),
          save: (kind, name, content) => this.saveChart(kind, name, content),
          exportPng: () => this.exportCardPng(this.cards.get(card.cardId), card.cardId),
          pick: (query, runIndex) => this.pickTrials(cardId, query, runIndex),
        });
        this.cards.set(cardId, view);
      }
      this.cardRuns.set(card.cardId, card.runIds);
      view.setDefinition(withBand(card.definition, card.data, settings));
      placeAt(row, view.element, planned.filter((other) => other.specId === card.specId).indexOf(card));
    }
    for (const [specId, row] of this.rows) {
      if (rowOrder.includes(row)) continue;
      row.remove();
      this.rows.delete(specId);
    }
    rowOrder.forEach((row, index) => placeAt(this.chartsRoot, row, index));
  }
}

/** Puts `child` at position `index` of `parent`, touching the DOM only when it is elsewhere (a moved canvas re-lays out). */
function placeAt(parent: HTMLElement, child: HTMLElement, index: number): void {
  if (parent.children[index] !== child) parent.insertBefore(child, parent.children[index] ?? null);
}

function fileStem(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'chart';
}

/** The metric the charts show: the user's pick when the family offers it, else the family's default. */
function shownMetric(family: ExperimentFamily, picked: string): MetricDefinition {
  const offered = family.metrics.filter((metric) => metric.selectable);
  return offered.find((metric) => metric.name === picked) ?? offered.find((metric) => metric.name === family.defaultMetric) ?? offered[0];
}

/** The family's definition of a chart, and what its line and band are where they summarize trials. */
function withBand(definition: string, data: ChartData, settings: CardSettings): string {
  if (data.kind !== 'line' || data.curves || !data.band) return definition;
  const band = settings.band === 'none' ? '' : settings.band === 'std' ? '; band: ± 1 standard deviation around the mean' : '; band: the lowest to the highest trial';
  return `${definition} Line: the ${settings.line} of the trials${band}.`.trim();
}
