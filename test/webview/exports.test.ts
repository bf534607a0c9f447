// Exports in Chromium: a PNG names its chart, experiment and run (drawn as a caption and written
// into the PNG's text metadata); "publication" draws white at three times the resolution and
// leaves the panel as it was; CSV names its metric columns and has a per-trial table too.
// The exported images are saved to test-artifacts/webview/.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { readPngText } from '../../src/shared/pngText';
import { runFolderName } from '../../src/core/analysis/seriesRuns';
import { artifactPath, fixtureRun, fixtureRunDirs, posted, send, snapshotMessage, panelHarnessPerFile, waitForCharts } from './panelPage';

let page: Page;
let pageErrors: string[];

const phaseRun = fixtureRun(fixtureRunDirs('panel-phase')[0]);
const runLabel = runFolderName(phaseRun.runId);

const openPanel = panelHarnessPerFile();

before(async () => {
  ({ page, errors: pageErrors } = await openPanel());
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (all) => all.length >= 5, 'the charts');
});

type SaveFile = { suggestedName: string; kind: string; content: string };

/** Does `act`, then returns the save-file it made the page post. */
async function nextSave(act: () => Promise<void>): Promise<SaveFile> {
  const before = (await posted(page)).filter((message) => message.type === 'save-file').length;
  await act();
  await page.waitForFunction((count) => (window as unknown as { harness: { posted: Array<{ type: string }> } }).harness.posted.filter((message) => message.type === 'save-file').length > count, before);
  const saves = (await posted(page)).filter((message) => message.type === 'save-file') as SaveFile[];
  return saves[saves.length - 1];
}

/** Decodes the PNG in the page: its size, its corner pixel, and how many pixels of its caption band differ from the corner. */
function inspectPng(base64: string, captionRows: number): Promise<{ width: number; height: number; corner: number[]; inkInCaption: number }> {
  return page.evaluate(
    async ({ data, rows }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, rows).data;
      const corner = [...pixels.slice(0, 3)];
      let ink = 0;
      for (let index = 0; index < pixels.length; index += 4) if (Math.abs(pixels[index] - corner[0]) + Math.abs(pixels[index + 1] - corner[1]) + Math.abs(pixels[index + 2] - corner[2]) > 60) ink++;
      return { width: image.width, height: image.height, corner, inkInCaption: ink };
    },
    { data: base64, rows: captionRows },
  );
}

function chartCanvasState() {
  return page.evaluate(() => {
    const canvas = document.querySelector('.chart-card[data-chart-id="metric:pruningRatio"] canvas') as HTMLCanvasElement;
    return { width: canvas.width, height: canvas.height };
  });
}

test('a chart\'s PNG carries its title, the experiment and the run: drawn as a caption and in its metadata', async () => {
  const card = page.locator('.chart-card[data-chart-id="metric:pruningRatio"]');
  const title = await card.locator('h2').innerText();
  const png = await nextSave(() => card.getByRole('button', { name: 'Export chart as PNG' }).click());
  assert.equal(png.kind, 'png');
  const bytes = Buffer.from(png.content, 'base64');
  writeFileSync(artifactPath('export-chart.png'), bytes);
  const text = readPngText(bytes);
  assert.equal(text.Title, title);
  assert.equal(text.Description, `Experiment panel-phase · run ${runLabel}`);
  // The caption band (above the chart's title) holds text: ink that is not the background.
  const inspected = await inspectPng(png.content, 20);
  assert.ok(inspected.inkInCaption > 30, `the caption is drawn (${inspected.inkInCaption} inked pixels)`);
  await assertPageHealthy();
});

test('publication: white, three times the resolution, the same metadata; the panel is drawn as before afterwards', async () => {
  const canvasBefore = await chartCanvasState();
  const screen = await nextSave(() => send(page, { type: 'export-request', kind: 'png' }));
  const print = await nextSave(() => send(page, { type: 'export-request', kind: 'png', publication: true }));
  writeFileSync(artifactPath('export-publication.png'), Buffer.from(print.content, 'base64'));
  assert.match(print.suggestedName, /^panel-phase-charts-publication\.png$/);
  const [screenImage, printImage] = [await inspectPng(screen.content, 1), await inspectPng(print.content, 1)];
  const ratio = printImage.width / screenImage.width;
  assert.ok(ratio > 2.7 && ratio < 3.3, `three times as wide: ${printImage.width} vs ${screenImage.width}`);
  assert.deepEqual(printImage.corner, [255, 255, 255], 'a white background');
  const text = readPngText(Buffer.from(print.content, 'base64'));
  assert.match(text.Title, /Success rate/);
  assert.equal(text.Description, `Experiment panel-phase · run ${runLabel}`);
  assert.deepEqual(await chartCanvasState(), canvasBefore, 'the panel\'s canvas is back to its size');
  await page.screenshot({ path: artifactPath('export-panel-after-publication.png') });
  await assertPageHealthy();
});

test('CSV: the charts\' points with named metric columns, and every trial with every metric', async () => {
  const points = await nextSave(() => send(page, { type: 'export-request', kind: 'csv' }));
  const header = points.content.split('\r\n')[0].split(',');
  for (const column of ['chart', 'trials', 'generalizationError_mean', 'generalizationError_median', 'generalizationError_std', 'successRate']) assert.ok(header.includes(column), `${column} in ${header.join(',')}`);

  const trials = await nextSave(() => send(page, { type: 'export-request', kind: 'csv', perTrial: true }));
  assert.equal(trials.suggestedName, 'panel-phase-trials.csv');
  const lines = trials.content.trimEnd().split('\r\n');
  const columns = lines[0].split(',');
  for (const column of ['run', 'cell', 'trial', 'seed', 'samples', 'nonzerosPerNeuron', 'pruningRatio', 'generalizationError', 'relativeError', 'successRate', 'failed']) {
    assert.ok(columns.includes(column), `${column} in ${columns.join(',')}`);
  }
  assert.equal(lines.length - 1, phaseRun.records.length, 'one row per trial');
  const first = phaseRun.records[0];
  // Fields with commas (cell keys) are quoted: split outside quotes, then unquote.
  const fields = (line: string) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((field) => field.replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
  const row = lines.slice(1).map(fields).find((cells) => cells[columns.indexOf('cell')] === first.cell && Number(cells[columns.indexOf('trial')]) === first.trial);
  assert.ok(row, 'the first record has its row');
  assert.equal(Number(row[columns.indexOf('generalizationError')]), first.generalizationError);
  assert.equal(Number(row[columns.indexOf('seed')]), first.seed);
  assert.equal(row[columns.indexOf('run')], runLabel);
  await assertPageHealthy();
});

async function assertPageHealthy(): Promise<void> {
  const violations = await page.evaluate(() => (window as unknown as { harness: { violations: string[] } }).harness.violations);
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
  assert.deepEqual(pageErrors, [], 'errors in the page');
}
