// The panel says what it shows, tells runs apart and opens single trials (issue 12, items 1, 3
// and 4): the bundle in Chromium, fed recorded runs; the trial's weights come from re-running
// the recorded trial for real (inspectTrial, what the extension's inspector child runs).
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inspectTrial } from '../../src/core/inspection/inspectTrial';
import type { TrialRecord } from '../../src/core/families/teacher-student/types';
import { formatNumber } from '../../src/shared/formatNumber';
import {
  applyTheme,
  artifactPath,
  fixtureRun,
  fixtureRunDirs,
  panelHarnessPerFile,
  posted,
  send,
  snapshotMessage,
  waitForCharts,
} from './panelPage';

let page: Page;
let pageErrors: string[];

const [phaseRunDir, gradientDescentRunDir] = fixtureRunDirs('panel-phase');
const phaseRun = fixtureRun(phaseRunDir);
const gradientDescentRun = fixtureRun(gradientDescentRunDir);
const ticketRun = fixtureRun(fixtureRunDirs('panel-tickets')[0]);
const DESCRIPTION = 'Where does recovery start? The phase boundary N* against r.';
const described = { ...phaseRun, manifest: { ...phaseRun.manifest, experimentFile: 'examples/panel-phase.lth.json', resolved: { ...phaseRun.manifest.resolved, description: DESCRIPTION } } };

const openPanel = panelHarnessPerFile();

beforeEach(async () => {
  await page?.close();
  ({ page, errors: pageErrors } = await openPanel());
});

/** Clicks the drawn element `index` of dataset `dataset` of a chart (a heatmap cell, a line's point). */
async function clickChartElement(chartId: string, dataset: number, index: number): Promise<void> {
  const at = await page.evaluate(
    ({ id, datasetIndex, elementIndex }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-chart-id="${id}"]`) as HTMLCanvasElement;
      canvas.scrollIntoView({ block: 'center' });
      const chart = window.lthChartFor?.(canvas);
      const drawn = chart?.getDatasetMeta(datasetIndex).data[elementIndex] as unknown as { getCenterPoint(): { x: number; y: number } } | undefined;
      if (!drawn) throw new Error(`no element ${elementIndex} in dataset ${datasetIndex} of ${id}`);
      const box = canvas.getBoundingClientRect();
      const center = drawn.getCenterPoint();
      return { x: box.left + center.x, y: box.top + center.y };
    },
    { id: chartId, datasetIndex: dataset, elementIndex: index },
  );
  await page.mouse.click(at.x, at.y);
}

async function definitionOf(chartId: string): Promise<string> {
  return page.locator(`.chart-card[data-chart-id="${chartId}"] .chart-definition`).innerText();
}

test('the panel says what it shows: description, key settings, a definition under each chart', async () => {
  await send(page, snapshotMessage('panel-phase', [described]));
  await waitForCharts(page, (charts) => charts.some((chart) => chart.id === 'heatmap:'), 'the charts');
  assert.equal(await page.locator('.experiment-description').innerText(), DESCRIPTION);
  const resolved = phaseRun.manifest.resolved as unknown as { inputDim: number; hiddenUnits: number; stepSize: number; trials: number; successThreshold: number; axes: Record<string, number[]> };
  const settings = await page.locator('.run-about .key-settings').evaluate((list) => {
    const terms = [...list.querySelectorAll('dt')].map((term) => term.textContent ?? '');
    return Object.fromEntries(terms.map((term, index) => [term, list.querySelectorAll('dd')[index].textContent ?? '']));
  });
  assert.equal(settings.d, String(resolved.inputDim));
  assert.equal(settings.K, String(resolved.hiddenUnits));
  assert.equal(settings.r, resolved.axes.nonzerosPerNeuron.join(', '));
  assert.equal(settings.ratio, resolved.axes.nonzerosPerNeuron.map((r) => formatNumber(1 - r / resolved.inputDim)).join(', '));
  const samples = resolved.axes.samples;
  assert.equal(settings.N, `${samples[0]} … ${samples[samples.length - 1]} (${samples.length} values)`);
  assert.equal(settings['η'], formatNumber(resolved.stepSize));
  assert.equal(settings['β'], resolved.axes.momentum.join(', '));
  assert.equal(settings.trials, String(resolved.trials));
  assert.equal(settings.init, 'near the teacher');

  // Every chart says what it shows; "success" with its threshold, the boundary, the band.
  const cards = await page.locator('.chart-card').count();
  assert.equal(await page.locator('.chart-card .chart-definition:not([hidden])').count(), cards);
  const heatmap = await definitionOf('heatmap:');
  assert.match(heatmap, new RegExp(`below ${formatNumber(resolved.successThreshold).replace('.', '\\.')}`));
  assert.match(heatmap, /crosses 50%/);
  assert.match(await definitionOf('metric:samples'), /Line: the mean of the trials; band: the lowest to the highest trial\./);
  await page.locator('select[aria-label="Band around the line"]').selectOption('std');
  await page.waitForFunction(() => /± 1 standard deviation/.test(document.querySelector('.chart-card[data-chart-id="metric:samples"] .chart-definition')?.textContent ?? ''));
  assert.match(await definitionOf('curves'), /median final error/);
  await page.screenshot({ path: artifactPath('panel-explains.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('a click on a heatmap cell lists its trials; a trial shows its seed, errors, curve and, on request, its weights', async () => {
  await send(page, snapshotMessage('panel-phase', [described]));
  const charts = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'heatmap:'), 'the heatmap');
  const cellIndex = 5;
  const cell = charts.find((chart) => chart.id === 'heatmap:')?.datasets[0].points[cellIndex];
  assert.ok(cell);
  await clickChartElement('heatmap:', 0, cellIndex);
  const cellPoint = await page.evaluate((index) => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-chart-id="heatmap:"]') as HTMLCanvasElement;
    return window.lthChartFor?.(canvas)?.data.datasets[0].data[index] as unknown as { r: number; samples: number };
  }, cellIndex);
  const expected = (phaseRun.records as TrialRecord[])
    .filter((record) => record.nonzerosPerNeuron === cellPoint.r && record.samples === cellPoint.samples)
    .sort((left, right) => left.trial - right.trial);
  assert.ok(expected.length > 1, 'the cell has several trials');
  const rows = page.locator('.trial-view .trial-list tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), expected.length);
  assert.match(await page.locator('.trial-view h2').innerText(), new RegExp(`${expected.length} trial records at N = ${cellPoint.samples}, ratio .* \\(r = ${cellPoint.r}\\)`));
  assert.deepEqual(await rows.locator('td:nth-child(2)').allInnerTexts(), expected.map((record) => String(record.seed)));

  // One trial: its seed, initial and final errors, its error curve.
  const record = expected[1];
  await page.locator('.trial-view button[data-trial-index="1"]').click();
  const facts = await page.locator('.trial-facts').evaluate((list) => Object.fromEntries([...list.querySelectorAll('dt')].map((term, index) => [term.textContent, list.querySelectorAll('dd')[index].textContent])));
  assert.equal(facts.seed, String(record.seed));
  assert.equal(facts['initial error'], formatNumber(record.initialRelativeError));
  assert.equal(facts['final error'], formatNumber(record.relativeError));
  const curve = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'trial-trial-curve'), 'the trial curve');
  const drawn = curve.find((chart) => chart.id === 'trial-trial-curve')?.datasets[0].points ?? [];
  assert.deepEqual(drawn.map((point) => point.x), record.curve.iterations);
  assert.deepEqual(drawn.map((point) => point.y), record.curve.relativeError);

  // Weights on request: the panel asks the host, which re-runs the trial; here it is re-run for real.
  await page.locator('.trial-view button.show-weights').click();
  const request = (await posted(page)).filter((message) => message.type === 'inspect-trial').at(-1);
  assert.deepEqual({ ...request, requestId: undefined }, { type: 'inspect-trial', requestId: undefined, runId: phaseRun.runId, cell: record.cell, trial: record.trial });
  assert.match(await page.locator('.weights-status').innerText(), new RegExp(`Re-running trial ${record.trial} \\(seed ${record.seed}\\)`));
  const weights = inspectTrial(phaseRunDir, record.cell, record.trial);
  assert.equal(weights.relativeError, record.relativeError, 'the re-run reproduces the recorded trial');
  await send(page, { type: 'trial-weights', requestId: request?.requestId, weights });
  const matrices = page.locator('.weight-matrices canvas');
  await matrices.first().waitFor();
  assert.equal(await matrices.count(), 2);
  const resolved = phaseRun.manifest.resolved as unknown as { inputDim: number; hiddenUnits: number };
  for (const canvas of await matrices.all()) {
    assert.equal(await canvas.getAttribute('data-rows'), String(resolved.hiddenUnits));
    assert.equal(await canvas.getAttribute('data-columns'), String(resolved.inputDim));
    assert.equal(await canvas.getAttribute('data-kept'), String(resolved.hiddenUnits * record.nonzerosPerNeuron), 'K × r entries kept (accurate mask)');
  }
  assert.match(await page.locator('.weights-status').innerText(), /the same as recorded/);
  await page.locator('.trial-view').screenshot({ path: artifactPath('panel-trial-view.png') });

  // Canvas pixels do not follow CSS: on a theme switch the matrices are drawn again in its colours.
  const empty = weights.kept.indexOf(0);
  const backgroundPixel = () =>
    page.locator('.weight-matrices canvas').first().evaluate((canvas: HTMLCanvasElement, index: number) => {
      const columns = Number(canvas.dataset.columns);
      const size = canvas.width / columns;
      const pixel = canvas.getContext('2d')!.getImageData((index % columns) * size + 1, Math.floor(index / columns) * size + 1, 1, 1).data;
      return [...pixel.slice(0, 3)];
    }, empty);
  assert.deepEqual(await backgroundPixel(), [0xff, 0xff, 0xff], 'a zero weight is the light background');
  await applyTheme(page, 'vscode-dark');
  await send(page, { type: 'theme-changed' });
  await page.waitForFunction(() => document.querySelector('.weight-matrices canvas') !== null);
  await page.waitForTimeout(100);
  assert.deepEqual(await backgroundPixel(), [0x1f, 0x1f, 0x1f], 'and the dark one after the switch');
  assert.deepEqual(pageErrors, []);
});

test('a weights request is cancelled from the view; an answer to an old request is ignored', async () => {
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (all) => all.some((chart) => chart.id === 'heatmap:'), 'the heatmap');
  await clickChartElement('heatmap:', 0, 0);
  await page.locator('.trial-view button[data-trial-index="0"]').click();
  await page.locator('.trial-view button.show-weights').click();
  const request = (await posted(page)).filter((message) => message.type === 'inspect-trial').at(-1);
  await page.locator('.trial-weights button', { hasText: 'Cancel' }).click();
  assert.deepEqual((await posted(page)).filter((message) => message.type === 'cancel-inspection').at(-1), { type: 'cancel-inspection', requestId: request?.requestId });
  assert.equal(await page.locator('.weights-status').innerText(), 'Cancelled.');
  // The host's late answer draws nothing.
  await send(page, { type: 'trial-weights-failed', requestId: request?.requestId, message: 'cancelled' });
  await page.waitForTimeout(100);
  assert.equal(await page.locator('.weight-matrices').count(), 0);
  assert.equal(await page.locator('.weights-status').innerText(), 'Cancelled.');
});

test('a click on a point of a line lists the trials behind it', async () => {
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  const charts = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'metric:samples'), 'the metric chart');
  const line = charts.find((chart) => chart.id === 'metric:samples')?.datasets.find((dataset) => dataset.label === 'ratio 0.8 (r = 4)');
  assert.ok(line);
  const datasetIndex = charts.find((chart) => chart.id === 'metric:samples')?.datasets.indexOf(line) as number;
  await clickChartElement('metric:samples', datasetIndex, 2);
  const expected = phaseRun.records.filter((record) => record.nonzerosPerNeuron === 4 && record.samples === line.points[2].x);
  const rows = page.locator('.trial-view .trial-list tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), expected.length);
  assert.match(await page.locator('.trial-view h2').innerText(), new RegExp(`at N = ${line.points[2].x}, ratio 0.8 \\(r = 4\\)`));

  // Without a mouse: the data table's row of a heatmap cell lists the same trials as a click.
  await page.locator('.chart-card[data-chart-id="heatmap:"] summary').click();
  const rowButton = page.locator('.chart-card[data-chart-id="heatmap:"] tbody tr').nth(1).locator('button.row-trials');
  await rowButton.waitFor(); // the table is drawn on the toggle event, a later task
  const cellText = await page.locator('.chart-card[data-chart-id="heatmap:"] tbody tr').nth(1).locator('td').allInnerTexts();
  // Focus and Enter in one step: the table may be drawn again between two separate ones.
  await rowButton.press('Enter');
  const [r, samples] = cellText.map(Number);
  await page.waitForFunction((text) => document.querySelector('.trial-view h2')?.textContent?.includes(text), `N = ${samples}, ratio`);
  assert.equal(await rows.count(), phaseRun.records.filter((record) => record.nonzerosPerNeuron === r && record.samples === samples).length);
});

test('lottery tickets: their own key settings and definitions; a point lists its networks, a trial shows its learning curve', async () => {
  await send(page, snapshotMessage('panel-tickets', [ticketRun]));
  const charts = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'error-vs-density'), 'the ticket charts');
  const terms = await page.locator('.run-about .key-settings dt').allInnerTexts();
  for (const term of ['data', 'network', 'N', 'optimizer', 'pruning', 'rounds', 'controls', 'trials']) assert.ok(terms.includes(term), `key setting ${term} in ${terms.join(', ')}`);
  assert.match(await definitionOf('samples-needed'), /reaches 5%/);
  const density = charts.find((chart) => chart.id === 'error-vs-density');
  const firstLine = density?.datasets[0];
  assert.ok(firstLine);
  await clickChartElement('error-vs-density', 0, 0);
  const rows = page.locator('.trial-view .trial-list tbody tr');
  await rows.first().waitFor();
  // The first line: the ticket at the smallest N (lines are split by N, variants drawn apart).
  assert.match(firstLine.label, /^ticket: N = /);
  const ticketRecords = ticketRun.records as unknown as Array<Record<string, unknown>>;
  const smallestN = Math.min(...ticketRecords.map((record) => record.trainSize as number));
  const expected = ticketRecords.filter((record) => record.density === firstLine.points[0].x && record.variant === 'ticket' && record.trainSize === smallestN);
  assert.equal(await rows.count(), expected.length);
  await page.locator('.trial-view button[data-trial-index="0"]').click();
  const curve = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'trial-trial-curve'), 'the learning curve');
  const record = expected[0] as { curve: { iterations: number[] } };
  assert.deepEqual(curve.find((chart) => chart.id === 'trial-trial-curve')?.datasets[0].points.map((point) => point.x), record.curve.iterations);
  assert.equal(await page.locator('.trial-view button.show-weights').count(), 0, 'tickets have no weights to re-run');
  // A ticket's own mask, seen from the input: its record's kept weights per pixel.
  const mask = await page.locator('.trial-view canvas[data-chart-id="trial-trial-mask"]').count();
  assert.ok(Array.isArray((expected[0] as { inputUsage?: unknown }).inputUsage), 'the fixture ticket records its input usage');
  assert.equal(mask, 1);
  const pictures = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'trial-trial-mask'), 'the mask picture');
  assert.ok(pictures.some((chart) => chart.id === 'trial-trial-mask'));
  await page.screenshot({ path: artifactPath('panel-ticket-trial.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('runs have identity: their file, a label, date and config hash; runs of another file with the name apart; what differs between two', async () => {
  const copyFile = 'experiments/copy-of-panel-phase.lth.json';
  const copyRun = { ...gradientDescentRun, manifest: { ...gradientDescentRun.manifest, experimentFile: copyFile } };
  const message = { ...snapshotMessage('panel-phase', [described, copyRun]), experimentFile: 'examples/panel-phase.lth.json' };
  await send(page, message);
  await waitForCharts(page, (all) => all.length > 0, 'the charts');
  const notice = await page.locator('.source-notice').innerText();
  assert.match(notice, /2 files share the name "panel-phase"/);
  assert.ok(notice.includes(copyFile) && notice.includes('examples/panel-phase.lth.json'), notice);
  // The copy's run is listed apart, under its file; the file's own run is not.
  const copyGroup = page.locator(`.run-group[data-source-file="${copyFile}"]`);
  assert.equal(await copyGroup.locator(`input[data-run-id="${copyRun.runId}"]`).count(), 1);
  assert.equal(await copyGroup.locator(`input[data-run-id="${described.runId}"]`).count(), 0);
  // Each run: its date and config hash.
  const meta = await page.locator('.run-entry .run-meta').allInnerTexts();
  assert.ok(meta[0].includes(`config ${described.manifest.configHash.slice(0, 8)}`) && meta[0].startsWith(described.manifest.startedAt.slice(0, 10)), meta[0]);

  // A label: typed in place, posted to the host (which stores it beside the run and sends a new snapshot).
  await page.locator(`button[data-run-id="${described.runId}"]`, { hasText: 'Label' }).click();
  await page.locator('.run-label-input').fill('baseline β = 0.5');
  await page.locator('.run-label-input').press('Enter');
  assert.deepEqual((await posted(page)).filter((posted) => posted.type === 'label-run').at(-1), { type: 'label-run', runId: described.runId, label: 'baseline β = 0.5' });

  // Both runs shown, the first labelled: legends and the differences table name runs by label.
  const labelled = { ...described, label: 'baseline β = 0.5' };
  await send(page, { ...message, runs: [labelled, copyRun], selectedRunIds: [labelled.runId, copyRun.runId] });
  await page.waitForFunction(() => document.querySelectorAll('.config-diff table tbody tr').length > 0);
  const rows = await page.locator('.config-diff table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
  const momentum = rows.find((row) => row[0] === 'axes.momentum');
  assert.deepEqual(momentum, ['axes.momentum', JSON.stringify(described.manifest.resolved.axes.momentum), JSON.stringify(copyRun.manifest.resolved.axes.momentum)]);
  assert.ok(rows.some((row) => row[0] === 'description'), 'the description differs too');
  assert.deepEqual(await page.locator('.config-diff thead th').allInnerTexts(), ['setting', 'baseline β = 0.5', 'β = 0 (GD)']);
  const charts = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'metric:samples' && chart.legend.some((entry) => entry.startsWith('baseline'))), 'the overlay');
  const legend = charts.find((chart) => chart.id === 'metric:samples')?.legend ?? [];
  assert.ok(legend.some((entry) => entry.startsWith('baseline β = 0.5: ')) && legend.some((entry) => entry.startsWith('β = 0 (GD): ')), legend.join(' | '));
  await page.screenshot({ path: artifactPath('panel-run-identity.png'), fullPage: false });
  assert.deepEqual(pageErrors, []);
});

test('narrow panel: at 300 px the settings, the runs of two files and a trial with its weights fit without sideways scrolling', async () => {
  await page.close();
  ({ page, errors: pageErrors } = await openPanel({ width: 300, height: 900 }));
  const copyRun = { ...gradientDescentRun, manifest: { ...gradientDescentRun.manifest, experimentFile: 'experiments/a-rather-long-folder-name/copy-of-panel-phase.lth.json' } };
  await send(page, { ...snapshotMessage('panel-phase', [described, copyRun], [described.runId, copyRun.runId]), experimentFile: 'examples/panel-phase.lth.json' });
  // Side by side, each run has its heatmap: a click on the copy's lists the copy's trials.
  const copyHeatmap = `heatmap:@${copyRun.runId}`;
  await waitForCharts(page, (all) => all.some((chart) => chart.id === copyHeatmap), 'the heatmaps');
  await clickChartElement(copyHeatmap, 0, 3);
  assert.match(await page.locator('.trial-view h2').innerText(), /β = 0 \(GD\)/);
  await page.locator('.trial-view button[data-trial-index="0"]').click();
  await page.locator('.trial-view button.show-weights').click();
  const request = (await posted(page)).filter((message) => message.type === 'inspect-trial').at(-1) as { requestId: string; runId: string; cell: string; trial: number };
  assert.equal(request.runId, copyRun.runId);
  await send(page, { type: 'trial-weights', requestId: request.requestId, weights: inspectTrial(gradientDescentRunDir, request.cell, request.trial) });
  await page.locator('.weight-matrices canvas').first().waitFor();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, clientWidth: document.scrollingElement!.clientWidth }));
  await page.screenshot({ path: artifactPath('panel-inspect-narrow-300.png'), fullPage: true });
  assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
  assert.deepEqual(pageErrors, []);
});
