// The panel bundle in Chromium, fed recorded runs through the same messages VS Code would
// send. Assertions read the Chart.js data, not pixels; screenshots go to test-artifacts.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axisValues } from '../../src/core/analysis/seriesAxes';
import { teacherStudentFamily as family } from '../../src/core/families/teacher-student/family';
import { formatNumber } from '../../src/shared/formatNumber';
import type { TrialRecord } from '../../src/core/families/teacher-student/types';
import {
  artifactPath,
  type ChartState,
  fixtureRun,
  fixtureRunDirs,
  panelHarnessPerFile,
  pointCount,
  posted,
  readCharts,
  send,
  snapshotMessage,
  waitForCharts,
} from './panelPage';

let page: Page;
let pageErrors: string[];

const [phaseRunDir, gradientDescentRunDir] = fixtureRunDirs('panel-phase');
const phaseRun = fixtureRun(phaseRunDir);
const gradientDescentRun = fixtureRun(gradientDescentRunDir);
const noiseRun = fixtureRun(fixtureRunDirs('panel-noise')[0]);

const openPanel = panelHarnessPerFile();

beforeEach(async () => {
  await page?.close();
  ({ page, errors: pageErrors } = await openPanel());
});

/** No uncaught error and nothing the strict CSP blocked. */
async function assertPageHealthy(): Promise<void> {
  const violations = await page.evaluate(() => (window as unknown as { harness: { violations: string[] } }).harness.violations);
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
  assert.deepEqual(pageErrors, [], 'errors in the page');
}

function chart(charts: ChartState[], id: string): ChartState {
  const found = charts.find((candidate) => candidate.id === id);
  assert.ok(found, `chart ${id} missing; have ${charts.map((candidate) => candidate.id).join(', ')}`);
  return found;
}

/** The mean of a metric over the records of one cell, computed here independently of the panel's code. */
function cellMean(records: TrialRecord[], samples: number, nonzerosPerNeuron: number, metric: (record: TrialRecord) => number): number {
  const values = records.filter((record) => record.samples === samples && record.nonzerosPerNeuron === nonzerosPerNeuron).map(metric);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

test('loading state, then a snapshot: every planned chart is drawn with data from the run', async () => {
  assert.match(await page.locator('.message').innerText(), /Loading/);
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  const expectedIds = family.chartPlan(axisValues(family, phaseRun.records, phaseRun.manifest.resolved.axes), {}).map((spec) => spec.id);
  const charts = await waitForCharts(page, (all) => all.length === expectedIds.length, 'the snapshot charts');
  assert.deepEqual(charts.map((drawn) => drawn.id), expectedIds);
  for (const drawn of charts) assert.ok(pointCount(drawn) > 0, `${drawn.id} has data points`);

  // Chart 1: generalization error vs N, one line per pruning ratio, with its band datasets.
  const errorVsSamples = chart(charts, 'metric:samples');
  assert.deepEqual(errorVsSamples.legend, ['ratio 0.9 (r = 2)', 'ratio 0.8 (r = 4)', 'ratio 0.7 (r = 6)', 'ratio 0.6 (r = 8)']);
  const lineForR2 = errorVsSamples.datasets.find((dataset) => dataset.label === 'ratio 0.9 (r = 2)');
  assert.ok(lineForR2);
  const smallestN = Math.min(...phaseRun.records.map((record) => record.samples));
  const expected = cellMean(phaseRun.records, smallestN, 2, (record) => record.generalizationError);
  assert.equal(lineForR2.points[0].x, smallestN);
  assert.ok(Math.abs(lineForR2.points[0].y - expected) <= 1e-12 * expected, `mean at N = ${smallestN}: ${lineForR2.points[0].y} vs ${expected}`);
  assert.equal(errorVsSamples.datasets.length, 3 * 4, 'mean, upper and lower band per line');
  assert.equal(errorVsSamples.scales.y.type, 'logarithmic', 'errors default to a log axis');

  // Chart 3: the heatmap holds one cell per (r, N) and the fitted boundary with its equation.
  const heatmap = chart(charts, 'heatmap:');
  const cells = new Set(phaseRun.records.map((record) => record.cell)).size;
  assert.equal(heatmap.datasets[0].points.length, cells);
  assert.match(heatmap.datasets[1].label, /^fit N\* = [\d.]+·r [+−] [\d.]+ \(R² = 0\.\d{3}\)$/);
  // Beside it the theory's N* = c·r for the run's K, with the band of c from the bootstrap.
  assert.ok(heatmap.datasets.some((dataset) => /^theory N\* = c·r, c = [\d.]+ \[[\d.]+, [\d.]+\] \(K = \d+\)$/.test(dataset.label)), heatmap.datasets.map((dataset) => dataset.label).join(' | '));
  const caption = await page.locator('[data-chart-id="heatmap:"] .chart-caption').innerText();
  assert.match(caption, /N\* = .*R² = /);
  await page.locator('.chart-card[data-chart-id="heatmap:"] summary').click();
  // The table is rendered on the <details> 'toggle' event, which the browser fires as a later task.
  const tableRows = page.locator('.chart-card[data-chart-id="heatmap:"] tbody tr');
  await tableRows.first().waitFor({ timeout: 5000 });
  assert.equal(await tableRows.count(), cells, 'the data table lists every cell');

  // Chart 4: one median-trial curve per r at the largest N, log y; and the rate vs r.
  const curves = chart(charts, 'curves');
  assert.equal(curves.datasets.length, 4);
  assert.equal(curves.scales.y.type, 'logarithmic');
  assert.ok(chart(charts, 'rate:nonzerosPerNeuron').datasets.some((dataset) => dataset.points.length > 0));
  // The rate's lines go through the median of the trials even though the Line control says mean.
  const rateLines = chart(charts, 'rate:nonzerosPerNeuron').datasets.filter((dataset) => dataset.label !== 'low' && dataset.label !== 'high' && !dataset.label.startsWith('theory'));
  let ratePoints = 0;
  for (const line of rateLines) {
    const samples = Number(/N = (\d+)/.exec(line.label)?.[1]);
    for (const point of line.points.filter((candidate) => Number.isFinite(candidate.y))) {
      const rates = phaseRun.records
        .filter((record) => record.samples === samples && record.nonzerosPerNeuron === point.x && record.convergenceRate !== null)
        .map((record) => record.convergenceRate as number)
        .sort((a, b) => a - b);
      const middle = rates.length >> 1;
      const median = rates.length % 2 === 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
      assert.equal(point.y, median, `median rate at N = ${samples}, r = ${point.x}`);
      ratePoints++;
    }
  }
  assert.ok(ratePoints > 0, 'the rate chart has points to check');

  // Accessibility: each canvas is an image with a title and a text summary.
  const summary = await page.locator('[data-chart-id="metric:samples"] .visually-hidden').first().innerText();
  assert.match(summary, /4 lines/);
  assert.equal(await page.locator('canvas[role="img"][aria-labelledby][aria-describedby]').count(), expectedIds.length);
  await assertPageHealthy();
});

test('live: appends add points to the same Chart objects, run-status shows progress', async () => {
  const records = phaseRun.records;
  const live = { ...phaseRun, manifest: { ...phaseRun.manifest, status: 'running' as const }, records: [] };
  await send(page, snapshotMessage('panel-phase', [live]));
  await page.waitForFunction(() => /No trials finished yet/.test(document.querySelector('.message')?.textContent ?? ''));

  await send(page, { type: 'append', runId: live.runId, records: records.slice(0, 10) });
  await send(page, { type: 'run-status', runId: live.runId, status: 'running', completedTrials: 10, totalTrials: records.length });
  const early = await waitForCharts(page, (charts) => charts.some((drawn) => drawn.id === 'metric:samples'), 'the first charts');
  await page.evaluate(() => {
    // Tag the Chart objects: if an append re-created them, the tags would be gone.
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart-id]')) {
      (window.lthChartFor?.(canvas) as unknown as { harnessTag: string }).harnessTag = canvas.dataset.chartId as string;
    }
  });
  assert.match(await page.locator('.status-line').innerText(), new RegExp(`running: 10 / ${records.length} trials`));

  for (let start = 10; start < records.length; start += 25) {
    await send(page, { type: 'append', runId: live.runId, records: records.slice(start, start + 25) });
  }
  await send(page, { type: 'run-status', runId: live.runId, status: 'completed', completedTrials: records.length, totalTrials: records.length });
  const earlyPoints = pointCount(chart(early, 'metric:samples'));
  const late = await waitForCharts(page, (charts) => pointCount(chart(charts, 'metric:samples')) > earlyPoints, 'more points after the appends');
  const lateHeatmap = chart(late, 'heatmap:');
  assert.equal(lateHeatmap.datasets[0].points.length, new Set(records.map((record) => record.cell)).size, 'every cell arrived');
  const tags = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart-id]')].map((canvas) => [
      canvas.dataset.chartId,
      (window.lthChartFor?.(canvas) as unknown as { harnessTag?: string }).harnessTag,
    ]),
  );
  for (const [id, tag] of tags) {
    if (early.some((drawn) => drawn.id === id)) assert.equal(tag, id, `chart ${id} was updated in place, not re-created`);
  }
  await page.waitForFunction((total) => document.querySelector('.status-line')?.textContent?.includes(`completed, ${total} of ${total} trials`), records.length);
  await assertPageHealthy();
});

test('malformed messages are logged to the host and dropped; the panel keeps working', async () => {
  await send(page, snapshotMessage('panel-phase', [{ ...phaseRun, records: phaseRun.records.slice(0, 20) }]));
  await waitForCharts(page, (charts) => charts.length > 0, 'the charts');
  const badRecord = { ...phaseRun.records[20], trial: 'first' };
  for (const message of [null, 'append', { type: 'explode' }, { type: 'append', runId: phaseRun.runId, records: [badRecord] }, { type: 'append', runId: 'no-such-run', records: [] }]) {
    await send(page, message);
  }
  await send(page, { type: 'append', runId: phaseRun.runId, records: phaseRun.records.slice(20) });
  await waitForCharts(
    page,
    (charts) => chart(charts, 'heatmap:').datasets[0].points.length === new Set(phaseRun.records.map((record) => record.cell)).size,
    'the valid append after the malformed ones',
  );
  const logs = (await posted(page)).filter((message) => message.type === 'log').map((message) => String(message.message));
  assert.equal(logs.length, 5, logs.join('\n'));
  assert.match(logs[0], /message: expected an object, got null/);
  assert.match(logs[2], /message\.type: expected one of .* got string "explode"/);
  assert.match(logs[3], /append\.records\[0\]\.trial: expected an integer.*, got string "first"/);
  assert.match(logs[4], /unknown run "no-such-run"/);
  await assertPageHealthy();
});

test('export: each chart as a PNG and as CSV rows; the export-request gets all charts in one file', async () => {
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  const charts = await waitForCharts(page, (all) => all.length >= 5, 'the charts');
  const card = page.locator('.chart-card[data-chart-id="metric:pruningRatio"]');
  await card.getByRole('button', { name: 'Export chart as PNG' }).click();
  await card.getByRole('button', { name: 'Export chart data as CSV' }).click();
  await send(page, { type: 'export-request', kind: 'csv' });
  await send(page, { type: 'export-request', kind: 'png' });
  await page.waitForFunction(() => (window as unknown as { harness: { posted: Array<{ type: string }> } }).harness.posted.filter((message) => message.type === 'save-file').length === 4);
  const saves = (await posted(page)).filter((message) => message.type === 'save-file') as Array<{ suggestedName: string; kind: string; content: string }>;

  const [png, csv, allCsv, allPng] = saves;
  assert.equal(png.kind, 'png');
  assert.match(png.suggestedName, /^panel-phase-metric_pruningRatio\.png$/);
  const image = Buffer.from(png.content, 'base64');
  assert.deepEqual([...image.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.ok(image.readUInt32BE(16) > 300 && image.readUInt32BE(20) > 200, 'a chart-sized image');

  assert.equal(csv.kind, 'csv');
  const rows = csv.content.trimEnd().split('\r\n');
  const drawn = chart(charts, 'metric:pruningRatio');
  const plottedPoints = drawn.datasets.filter((dataset) => drawn.legend.includes(dataset.label)).reduce((total, dataset) => total + dataset.points.length, 0);
  assert.equal(rows.length, 1 + plottedPoints, 'a header and one row per plotted point');
  assert.equal(rows[0], 'series,samples,Pruning ratio 1 − r/d,trials,generalizationError_mean,generalizationError_median,generalizationError_std,generalizationError_min,generalizationError_max');

  assert.equal(allCsv.kind, 'csv');
  assert.match(allCsv.content.split('\r\n')[0], /^chart,/);
  const chartTitles = new Set(allCsv.content.trimEnd().split('\r\n').slice(1).map((row) => row.split(',')[0]));
  assert.ok(chartTitles.size >= charts.length, 'rows from every chart');
  assert.equal(allPng.kind, 'png');
  const sheet = Buffer.from(allPng.content, 'base64');
  assert.ok(sheet.readUInt32BE(16) > image.readUInt32BE(16), 'the sheet is wider than one chart');
  await assertPageHealthy();
});

/** The median of a metric over the records of one cell, computed here independently of the panel's code. */
function cellMedian(records: TrialRecord[], samples: number, nonzerosPerNeuron: number, metric: (record: TrialRecord) => number): number {
  const values = records.filter((record) => record.samples === samples && record.nonzerosPerNeuron === nonzerosPerNeuron).map(metric).sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

test('controls: lines go through the median of the trials on request; success rates stay means', async () => {
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (charts) => charts.length >= 5, 'the charts');
  await page.getByLabel('Line through the trials at each point').selectOption('median');
  const lineOf = (charts: ChartState[]) => chart(charts, 'metric:samples').datasets.find((dataset) => dataset.label === 'ratio 0.9 (r = 2)')!;
  const isMedian = (charts: ChartState[]) => {
    const point = lineOf(charts).points[0];
    return point.y === cellMedian(phaseRun.records, point.x, 2, (record) => record.generalizationError);
  };
  const medianCharts = await waitForCharts(page, isMedian, 'median lines');
  assert.equal(chart(medianCharts, 'metric:samples').scales.y.titleText, 'Median generalization error', 'the axis says which statistic');
  assert.equal(await page.locator('select[aria-label="Band around the line"] option[value="std"]').isDisabled(), true, 'no ± 1 std band around a median');
  const points = lineOf(medianCharts).points;
  assert.ok(points.length > 3);
  for (const point of points) {
    assert.equal(point.y, cellMedian(phaseRun.records, point.x, 2, (record) => record.generalizationError), `median at N = ${point.x}`);
  }
  assert.ok(
    points.some((point) => point.y !== cellMean(phaseRun.records, point.x, 2, (record) => record.generalizationError)),
    'the medians differ from the means somewhere (else this test would not tell them apart)',
  );
  // The screen-reader summary reads the same line: the median at the last N.
  const summary = await page.locator('[data-chart-id="metric:samples"] .visually-hidden').first().innerText();
  const last = points[points.length - 1];
  assert.ok(summary.includes(`ratio 0.9 (r = 2): ${formatNumber(last.y)} at ${formatNumber(last.x)}`), summary);

  await page.getByLabel('Metric of the charts').selectOption('successRate');
  const rates = await waitForCharts(page, (charts) => /^Success rate/.test(chart(charts, 'metric:samples').title), 'the success-rate charts');
  assert.equal(await page.getByLabel('Line through the trials at each point').isDisabled(), true, 'moot for a success rate');
  assert.equal(await page.getByLabel('Band around the line').isDisabled(), true, 'a 0/1 success has no band worth drawing');
  assert.equal(chart(rates, 'metric:samples').scales.y.titleText, 'Success rate');
  for (const point of lineOf(rates).points) {
    assert.ok(Math.abs(point.y - cellMean(phaseRun.records, point.x, 2, (record) => (record.success ? 1 : 0))) < 1e-12, `success rate at N = ${point.x} is a mean`);
  }
  // The initialization's own error is a metric too (here init "near": 0.3 by construction).
  await page.getByLabel('Metric of the charts').selectOption('initialRelativeError');
  const initial = await waitForCharts(page, (charts) => /^Relative weight error at initialization/.test(chart(charts, 'metric:samples').title), 'the initial-error charts');
  for (const point of lineOf(initial).points) {
    assert.equal(point.y, cellMedian(phaseRun.records, point.x, 2, (record) => record.initialRelativeError), `median initial error at N = ${point.x}`);
    assert.ok(Math.abs(point.y - 0.3) < 1e-12);
  }
  await page.getByLabel('Metric of the charts').selectOption('generalizationError');
  await page.getByLabel('Line through the trials at each point').selectOption('mean');
  await assertPageHealthy();
});

test('controls: the metric changes the data, runs compare overlaid or side by side, choices survive a reload', async () => {
  const snapshot = snapshotMessage('panel-phase', [gradientDescentRun, phaseRun], [phaseRun.runId]);
  await send(page, snapshot);
  await waitForCharts(page, (charts) => charts.length >= 5, 'the charts');

  await page.getByLabel('Metric of the charts').selectOption('successRate');
  const successCharts = await waitForCharts(page, (charts) => /^Success rate/.test(chart(charts, 'metric:samples').title), 'the success-rate charts');
  const rateLine = chart(successCharts, 'metric:samples').datasets.find((dataset) => dataset.label === 'ratio 0.6 (r = 8)');
  assert.ok(rateLine);
  for (const point of rateLine.points) {
    const expected = cellMean(phaseRun.records, point.x, 8, (record) => (record.success ? 1 : 0));
    assert.ok(Math.abs(point.y - expected) < 1e-12, `success rate at N = ${point.x}`);
  }
  assert.equal(chart(successCharts, 'metric:samples').scales.y.type, 'linear', 'success rates are not on a log axis');

  // Select the second run too: overlaid, every line appears once per run.
  await page.locator(`input[data-run-id="${gradientDescentRun.runId}"]`).check();
  const overlaid = await waitForCharts(page, (charts) => chart(charts, 'curves').legend.length === 8, 'the overlaid runs');
  const gradientDescentLines = chart(overlaid, 'curves').legend.filter((label) => label.startsWith('β = 0 (GD): '));
  assert.equal(gradientDescentLines.length, 4, 'the run label says how the runs differ (their momentum)');
  const selection = (await posted(page)).filter((message) => message.type === 'select-runs').pop();
  assert.deepEqual(selection?.runIds, [gradientDescentRun.runId, phaseRun.runId]);

  await page.getByLabel('How to compare the selected runs').selectOption('side-by-side');
  const sideBySide = await waitForCharts(page, (charts) => charts.some((drawn) => drawn.id === `curves@${phaseRun.runId}`), 'side-by-side cards');
  assert.ok(chart(sideBySide, `curves@${gradientDescentRun.runId}`));
  assert.equal(await page.locator('.chart-row').first().locator('.chart-card').count(), 2, 'one card per run in a row');

  // Reload: VS Code keeps the webview state (the panel's choices); the host remembers the
  // selection it was sent and puts it in the new snapshot.
  await page.reload();
  await send(page, { ...snapshot, selectedRunIds: selection?.runIds });
  await waitForCharts(page, (charts) => charts.some((drawn) => drawn.id === `curves@${phaseRun.runId}`), 'the restored layout');
  assert.equal(await page.getByLabel('Metric of the charts').inputValue(), 'successRate');
  const state = await page.evaluate(() => JSON.parse(sessionStorage.getItem('harness-webview-state') ?? 'null'));
  assert.deepEqual(state.host, { experimentName: 'harness' }, "the extension's host state is kept for its serializer");
  await assertPageHealthy();
});

test('noise preset: error vs noise leads, one line per r', async () => {
  await send(page, snapshotMessage('panel-noise', [noiseRun]));
  const charts = await waitForCharts(page, (all) => all.length > 0, 'the charts');
  assert.equal(charts[0].id, 'metric:noiseStd');
  assert.deepEqual(charts[0].legend, ['ratio 0.9 (r = 2)', 'ratio 0.7 (r = 6)']);
  assert.ok(!charts.some((drawn) => drawn.id.startsWith('heatmap')), 'no heatmap without an N sweep');
  await assertPageHealthy();
});

test('lottery tickets: every chart of the plan is drawn (the first layer as pictures), and the target test error re-plans its chart', async () => {
  const ticketRun = fixtureRun(fixtureRunDirs('panel-tickets')[0]);
  await send(page, snapshotMessage('panel-tickets', [ticketRun]));
  const charts = await waitForCharts(page, (all) => all.length === 6, 'the six lottery-ticket charts');
  assert.deepEqual(charts.map((drawn) => drawn.id), ['error-vs-samples', 'samples-needed', 'error-vs-density', 'stop-vs-density', 'learning-curves', 'mask-picture']);
  assert.equal(chart(charts, 'error-vs-density').scales.x.type, 'logarithmic', 'density spans decades: a log axis');
  const pictures = chart(charts, 'mask-picture');
  const records = ticketRun.records as unknown as Array<Record<string, unknown>>;
  const tickets = records.filter((record) => record.variant === 'ticket' && record.trainSize === 4000 && record.trial === 0);
  assert.equal(pictures.datasets[0].points.length, 784 * tickets.length, 'a 28 × 28 picture per round');
  assert.equal(await page.locator('[data-chart-id="mask-picture"] .chart-tools label:not([hidden])').count(), 0, 'pictures have no scale toggles');

  const target = page.getByLabel('Target of the charts drawn for one');
  assert.equal(await target.inputValue(), '0.05');
  await target.fill('0.08');
  await target.press('Enter');
  await waitForCharts(page, (all) => /for 8% test error/.test(chart(all, 'samples-needed').title), 'the 8% chart');
  await assertPageHealthy();
});

test('keyboard: the controls and every export button are reachable with Tab, with accessible names', async () => {
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (charts) => charts.length >= 5, 'the charts');
  const wanted = ['Metric of the charts', 'Line through the trials at each point', 'Band around the line', 'Export chart as PNG', 'Export chart data as CSV'];
  const reached = new Set<string>();
  for (let press = 0; press < 30 && !wanted.every((name) => reached.has(name)); press++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''));
  }
  for (const name of wanted) assert.ok(reached.has(name), `Tab reaches "${name}"; reached ${[...reached].join(' | ')}`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control shows a focus ring');
});

test('themes: light, dark and high contrast colour the charts from the --vscode-* variables', async () => {
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (charts) => charts.length >= 5, 'the charts');
  for (const theme of ['vscode-light', 'vscode-dark', 'vscode-high-contrast']) {
    await page.evaluate((kind) => (window as unknown as { harness: { applyTheme(kind: string): void } }).harness.applyTheme(kind), theme);
    const expected = await page.evaluate(() => ({
      foreground: getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-foreground').trim(),
      background: getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim(),
    }));
    const charts = await waitForCharts(page, (all) => all.every((drawn) => drawn.backgroundColor === expected.background), `the ${theme} colours`);
    for (const drawn of charts) {
      assert.equal(drawn.scales.x.tickColor, expected.foreground, `${drawn.id} ticks in ${theme}`);
      assert.equal(drawn.scales.y.titleColor, expected.foreground, `${drawn.id} axis title in ${theme}`);
    }
    await page.screenshot({ path: artifactPath(`panel-${theme.replace('vscode-', '')}.png`), fullPage: true });
  }
  await assertPageHealthy();
});

test('empty and error states', async () => {
  await send(page, snapshotMessage('nothing-yet', []));
  await page.waitForFunction(() => /No runs of nothing-yet yet/.test(document.querySelector('.message')?.textContent ?? ''));
  await send(page, { type: 'error', message: 'Could not read /runs/x: permission denied' });
  await page.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent === 'Could not read /runs/x: permission denied');
  assert.equal((await readCharts(page)).length, 0);
  await assertPageHealthy();
});

test('the host owns the run selection: a new snapshot (e.g. a new live run) replaces the panel\'s', async () => {
  await send(page, snapshotMessage('panel-phase', [gradientDescentRun, phaseRun], [phaseRun.runId, gradientDescentRun.runId]));
  await waitForCharts(page, (charts) => chart(charts, 'curves').legend.length === 8, 'both runs');
  await send(page, snapshotMessage('panel-phase', [gradientDescentRun, phaseRun], [gradientDescentRun.runId]));
  const charts = await waitForCharts(page, (all) => chart(all, 'curves').legend.length === 4, 'the one run the host selected');
  assert.ok(chart(charts, 'heatmap:').datasets[1].label.startsWith('fit N* = 3.3'), 'the plain-GD run');
  assert.equal(await page.locator(`input[data-run-id="${phaseRun.runId}"]`).isChecked(), false);
  await assertPageHealthy();
});
