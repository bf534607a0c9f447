// One chart in the panel: title, scale toggles, export buttons, caption, the canvas (with
// a text summary for screen readers) and a data table on demand. The card owns its
// Chart.js view and feeds it new data on update; it never re-creates the chart.
import type { BandKind, LineStatistic } from '../../src/core/analysis/series';
import type { ChartData, HeatmapChartData, LineChartData } from '../../src/core/analysis/chartData';
import { heatmapCellQuery, linePointQuery, type TrialQuery } from '../../src/core/analysis/pointTrials';
import { chartCsv, chartTable } from '../../src/core/analysis/seriesCsv';
import { formatNumber } from '../../src/shared/formatNumber';
import { chartCaption, chartSummary } from './chartText';
import { HeatmapChartView, successColor } from './heatmapChartView';
import { ImageChartView, pixelColor } from './imageChartView';
import { canUseLogX, canUseLogY, LineChartView } from './lineChartView';
import { element } from './dom';
import type { ChartTheme } from './theme';

export interface CardSettings {
  line: LineStatistic;
  band: BandKind | 'none';
  logX: boolean;
  logY: boolean;
}

export interface CardActions {
  /** The user flipped a scale toggle of this card. */
  changeScales(scales: { logX: boolean; logY: boolean }): void;
  /** Export: `content` is text for csv; `name` has no extension. */
  save(kind: 'csv', name: string, content: string): void;
  /** Export this chart as a PNG (captioned with the experiment and run by the panel). */
  exportPng(): void;
  /** A click on a point or cell whose trials can be listed; `runIndex`: which overlaid run its line is of (0 otherwise). Absent: charts are not clickable. */
  pick?(query: TrialQuery, runIndex: number): void;
}

let cardCount = 0;

export class ChartCard {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly definition: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly summary: HTMLElement;
  private readonly details: HTMLDetailsElement;
  private readonly tableBox: HTMLElement;
  private readonly logX: HTMLInputElement;
  private readonly logY: HTMLInputElement;
  private readonly colorScale: HTMLElement;
  private view: LineChartView | HeatmapChartView | ImageChartView;
  private currentData: ChartData;
  /** How the chart is drawn in the panel: what an export restores afterwards. */
  private shown: { settings: CardSettings; theme: ChartTheme };

  constructor(readonly id: string, data: ChartData, settings: CardSettings, theme: ChartTheme, private readonly actions: CardActions) {
    const domId = `chart-${++cardCount}`;
    this.currentData = data;
    this.shown = { settings, theme };
    this.title = element('h2', { id: `${domId}-title` });
    this.logX = element('input', { type: 'checkbox' });
    this.logY = element('input', { type: 'checkbox' });
    const onScale = () => this.actions.changeScales({ logX: this.logX.checked, logY: this.logY.checked });
    this.logX.addEventListener('change', onScale);
    this.logY.addEventListener('change', onScale);
    const pngButton = element('button', { type: 'button', text: 'PNG' });
    const csvButton = element('button', { type: 'button', text: 'CSV' });
    pngButton.addEventListener('click', () => this.actions.exportPng());
    csvButton.addEventListener('click', () => this.actions.save('csv', this.id, chartCsv(this.data)));
    this.caption = element('p', { className: 'chart-caption' });
    this.definition = element('p', { className: 'chart-definition' });
    this.summary = element('p', { id: `${domId}-summary`, className: 'visually-hidden' });
    this.canvas = element('canvas', { role: 'img', 'aria-labelledby': `${domId}-title`, 'aria-describedby': `${domId}-summary`, 'data-chart-id': id });
    this.colorScale = element('div', { className: 'color-scale' });
    this.tableBox = element('div', { className: 'data-table-box' });
    this.details = element('details', {}, [element('summary', { text: 'Data table' }), this.tableBox]);
    this.details.addEventListener('toggle', () => this.renderTable());

    this.element = element('section', { className: 'chart-card', 'aria-labelledby': `${domId}-title`, 'data-chart-id': id }, [
      element('header', { className: 'chart-header' }, [
        this.title,
        element('div', { className: 'chart-tools' }, [
          element('label', {}, [this.logX, document.createTextNode(data.kind === 'heatmap' ? 'log r' : 'log x')]),
          element('label', {}, [this.logY, document.createTextNode(data.kind === 'heatmap' ? 'log N' : 'log y')]),
          pngButton,
          csvButton,
        ]),
      ]),
      this.caption,
      element('div', { className: 'chart-canvas-box' }, [this.canvas]),
      this.colorScale,
      this.definition,
      this.summary,
      this.details,
    ]);
    pngButton.setAttribute('aria-label', 'Export chart as PNG');
    csvButton.setAttribute('aria-label', 'Export chart data as CSV');

    const pick = actions.pick;
    this.view =
      data.kind === 'heatmap'
        ? new HeatmapChartView(this.canvas, data, { logN: settings.logY }, theme, pick && ((cell) => pick(heatmapCellQuery(this.data as HeatmapChartData, cell), 0)))
        : data.kind === 'image'
          ? new ImageChartView(this.canvas, data, theme)
          : new LineChartView(this.canvas, data, settings, theme, pick && ((series, x) => {
              const query = linePointQuery(this.data as LineChartData, series, x);
              if (query) pick(query, series.runIndex ?? 0);
            }));
    this.renderText(settings, theme);
  }

  /** What the card shows now. */
  get data(): ChartData {
    return this.currentData;
  }

  /** The one line under the chart that says what it shows (from the family). */
  setDefinition(text: string): void {
    this.definition.textContent = text;
    this.definition.hidden = text === '';
  }

  update(data: ChartData, settings: CardSettings, theme: ChartTheme): void {
    this.currentData = data;
    this.shown = { settings, theme };
    this.draw(data, settings, theme);
    this.renderText(settings, theme);
    if (this.details.open) this.renderTable();
  }

  /**
   * A copy of the chart drawn in `theme` at `pixelRatio` canvas pixels per CSS pixel (a print
   * export: white, larger text, three times the resolution). The chart stays so drawn until
   * restoreAfterExport(), so that the caller can switch Chart.js's global defaults around a batch.
   */
  renderForExport(theme: ChartTheme, pixelRatio: number): HTMLCanvasElement {
    const chart = this.view.chart;
    if (theme !== this.shown.theme || pixelRatio !== chart.currentDevicePixelRatio) {
      this.draw(this.data, this.shown.settings, theme);
      chart.options.devicePixelRatio = pixelRatio;
      chart.resize();
    }
    const copy = document.createElement('canvas');
    copy.width = this.canvas.width;
    copy.height = this.canvas.height;
    copy.getContext('2d')?.drawImage(this.canvas, 0, 0);
    return copy;
  }

  /** Draws the chart as the panel shows it again, after renderForExport. */
  restoreAfterExport(): void {
    const chart = this.view.chart;
    this.draw(this.data, this.shown.settings, this.shown.theme);
    chart.options.devicePixelRatio = undefined;
    chart.resize();
  }

  private draw(data: ChartData, settings: CardSettings, theme: ChartTheme): void {
    if (data.kind === 'heatmap' && this.view instanceof HeatmapChartView) this.view.update(data, { logN: settings.logY }, theme);
    else if (data.kind === 'line' && this.view instanceof LineChartView) this.view.update(data, settings, theme);
    else if (data.kind === 'image' && this.view instanceof ImageChartView) this.view.update(data, theme);
    else throw new Error(`chart ${this.id}: its kind changed from one update to the next`);
  }

  private renderText(settings: CardSettings, theme: ChartTheme): void {
    const data = this.data;
    this.title.textContent = data.title;
    this.caption.textContent = chartCaption(data);
    this.summary.textContent = chartSummary(data, settings.line);
    this.logX.checked = settings.logX;
    this.logY.checked = settings.logY;
    // The heatmap's r axis stays linear: the boundary is a straight line in r.
    this.logX.disabled = data.kind !== 'line' || !canUseLogX(data);
    this.logX.parentElement!.hidden = data.kind !== 'line';
    // Pictures have no scale to change.
    this.logY.disabled = data.kind === 'image' || (data.kind === 'line' && !canUseLogY(data));
    this.logY.parentElement!.hidden = data.kind === 'image';
    this.logX.setAttribute('aria-label', `Logarithmic x axis for ${data.title}`);
    this.logY.setAttribute('aria-label', `Logarithmic ${data.kind === 'heatmap' ? 'N' : 'y'} axis for ${data.title}`);
    this.renderColorScale(theme);
    this.canvas.classList.toggle('pickable', this.actions.pick !== undefined && (data.kind === 'heatmap' || (data.kind === 'line' && data.pointTrials !== undefined)));
  }

  private renderColorScale(theme: ChartTheme): void {
    this.colorScale.replaceChildren();
    const data = this.data;
    if (data.kind === 'image') {
      const bar = element('span', { className: 'color-scale-bar', 'aria-hidden': 'true' });
      bar.style.background = `linear-gradient(to right, ${pixelColor(theme, 0)}, ${pixelColor(theme, 1)})`;
      this.colorScale.append(element('span', { text: `${data.valueLabel}: none` }), bar, element('span', { text: 'the picture\'s most' }));
      return;
    }
    if (data.kind !== 'heatmap') return;
    const bar = element('span', { className: 'color-scale-bar', 'aria-hidden': 'true' });
    // Set from script (CSSOM), which a strict style-src allows, unlike a style attribute.
    bar.style.background = `linear-gradient(to right, ${successColor(theme, 0)}, ${successColor(theme, 1)})`;
    this.colorScale.append(element('span', { text: 'success rate 0%' }), bar, element('span', { text: '100%' }));
  }

  private renderTable(): void {
    if (!this.details.open) return;
    const { header, rows } = chartTable(this.data);
    const format = (cell: unknown) => (typeof cell === 'number' ? formatNumber(cell) : cell === null || cell === undefined ? '' : String(cell));
    // The keyboard's way to a point's trials: a button per row, as a click on the point.
    const picks = this.rowPicks();
    const pickCell = (index: number) => {
      const pick = picks[index];
      if (!pick) return [];
      const button = element('button', { type: 'button', text: 'Trials', className: 'row-trials' });
      button.addEventListener('click', pick);
      return [element('td', {}, [button])];
    };
    const table = element('table', {}, [
      element('caption', { className: 'visually-hidden', text: this.data.title }),
      element('thead', {}, [element('tr', {}, [...header, ...(picks.length > 0 ? [''] : [])].map((name) => element('th', { scope: 'col', text: name })))]),
      element('tbody', {}, rows.map((row, index) => element('tr', {}, [...row.map((cell) => element('td', { text: format(cell) })), ...pickCell(index)]))),
    ]);
    this.tableBox.replaceChildren(table);
  }

  /** Per row of the data table (in chartTable's order), what lists its trials; none where rows are not trials' summaries. */
  private rowPicks(): Array<(() => void) | undefined> {
    const { pick } = this.actions;
    const data = this.data;
    if (!pick) return [];
    if (data.kind === 'heatmap') return data.cells.map((cell) => () => pick(heatmapCellQuery(data, cell), 0));
    if (data.kind !== 'line' || data.pointTrials === undefined) return [];
    return data.series.flatMap((series) =>
      series.points.map((point) => {
        const query = linePointQuery(data, series, point.x);
        return query && (() => pick(query, series.runIndex ?? 0));
      }),
    );
  }

  destroy(): void {
    this.view.destroy();
    this.element.remove();
  }
}
