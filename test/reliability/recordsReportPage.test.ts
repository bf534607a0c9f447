// The standalone report in Chromium: data its guard rejects is an error on the page, not
// "Loading results…" forever; null metrics and diverged curves draw as gaps; failed trials are
// not drawn; and a strict Content-Security-Policy runs nothing but the page's own script.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { reportCommand, reportHtml, reportSnapshot } from '../../src/cli/commands/report';
import type { HostToPanelMessage } from '../../src/shared/protocol';
import type { TrialRecord } from '../../src/shared/trialRecord';
import { bufferIo } from '../unit/cli/bufferIo';
import { temporaryDir } from '../unit/execution/fixtures/tinyExperiment';
import { chromiumPerFile, collectPageErrors, fixtureRunDirs, REPO_DIR, waitForCharts } from '../webview/panelPage';

const browser = chromiumPerFile();

function bundle() {
  const folder = join(REPO_DIR, 'dist', 'webview');
  return { script: readFileSync(join(folder, 'panel.js'), 'utf8'), style: readFileSync(join(folder, 'panel.css'), 'utf8') };
}

/** The report of the recorded noise run, its records changed by `edit`, opened in a new page. */
async function openReport(edit: (records: TrialRecord[]) => void): Promise<{ page: Page; errors: string[] }> {
  const snapshot = reportSnapshot(fixtureRunDirs('panel-noise'), false) as Extract<HostToPanelMessage, { type: 'snapshot' }>;
  edit(snapshot.runs[0].records);
  const file = join(temporaryDir('lth-report-page-'), 'report.html');
  writeFileSync(file, reportHtml(snapshot, bundle()));
  const page = await (await browser()).newPage();
  page.setDefaultTimeout(20_000);
  const errors = collectPageErrors(page);
  await page.goto(pathToFileURL(file).href);
  return { page, errors };
}

test('embedded data the page cannot take is an error on the page, not "Loading results…" forever', async () => {
  const { page, errors } = await openReport((records) => {
    (records[0] as Record<string, unknown>).variant = 'x'.repeat(100);
  });
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: 'could not be shown' }).waitFor();
  assert.match(await alert.innerText(), /^The results could not be shown: snapshot\.runs\[0\]\.records\[0\]\.variant: expected /);
  assert.doesNotMatch(await page.locator('#app').innerText(), /Loading/);
  assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'false');
  assert.deepEqual(errors, []);
  await page.close();
});

test('null metrics and diverged curves draw as gaps, and a failed trial is not drawn; nothing breaks the page', async () => {
  const { page, errors } = await openReport((records) => {
    Object.assign(records[0], { generalizationError: null, relativeGeneralizationError: null, relativeError: null, trainLoss: null });
    for (const record of records) (record.curve as { relativeError: Array<number | null> }).relativeError[1] = null;
    const { cell, trial, seed, noiseStd, samples } = records[1];
    records.push({ cell, trial: trial + 100, seed, noiseStd, samples, failed: 'minimumCostAssignment: cost[0] is Infinity, expected a finite number' });
  });
  const charts = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'curves'), 'the report charts');
  const curves = charts.find((chart) => chart.id === 'curves');
  assert.ok(
    curves?.datasets.some((dataset) => dataset.points.some((point) => point.y === null || Number.isNaN(point.y))),
    'a curve has a gap where its error was null',
  );
  assert.deepEqual(errors, []);
  assert.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'no error banner');
  await page.close();
});

test('the report has a strict Content-Security-Policy: its own script runs, an injected one does not', async () => {
  const outFile = join(temporaryDir('lth-report-page-'), 'report.html');
  const io = bufferIo();
  assert.equal(await reportCommand([...fixtureRunDirs('panel-noise'), '--out', outFile], io), 0, io.err());
  assert.match(readFileSync(outFile, 'utf8'), /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/);

  const page = await (await browser()).newPage();
  const errors = collectPageErrors(page);
  await page.goto(pathToFileURL(outFile).href);
  await waitForCharts(page, (all) => all.length > 0, 'the report charts');
  assert.deepEqual(errors, [], 'the page itself runs under its policy');
  const injectedRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.lthInjected = true';
    document.body.append(script);
    return (window as unknown as { lthInjected?: boolean }).lthInjected === true;
  });
  assert.equal(injectedRan, false, 'an inline script the page did not ship is refused');
  await page.close();
});
