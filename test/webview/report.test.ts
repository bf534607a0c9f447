// `lth report`: the HTML file it writes stands alone (no request leaves the page) and
// renders the panel's charts from the embedded runs in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { reportCommand, reportHtml, reportSnapshot } from '../../src/cli/commands/report';
import { artifactPath, chromiumPerFile, collectPageErrors, fixtureRunDirs, pointCount, waitForCharts } from './panelPage';

const browser = chromiumPerFile();

function bufferedIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } }, out, err };
}

test('lth report writes one self-contained HTML file that draws every run offline', async () => {
  const runDirs = fixtureRunDirs('panel-phase');
  const outFile = artifactPath('report.html');
  const { io, out, err } = bufferedIo();
  assert.equal(await reportCommand([...runDirs, '--out', outFile], io), 0, err.join(''));
  assert.equal(out.join('').trim(), outFile, 'prints the output path');

  const html = readFileSync(outFile, 'utf8');
  assert.ok(!/<script[^>]+src=|<link[^>]+href=/i.test(html), 'no external script or stylesheet');

  const page = await (await browser()).newPage({ viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(20_000);
  const errors = collectPageErrors(page);
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(outFile).href);
  const charts = await waitForCharts(page, (all) => all.some((chart) => chart.id === 'curves'), 'the report charts');
  for (const chart of charts) assert.ok(pointCount(chart) > 0, `${chart.id} has data points`);
  const heatmaps = charts.filter((chart) => chart.id.startsWith('heatmap:'));
  assert.equal(heatmaps.length, runDirs.length, 'one heatmap per run');
  const curves = charts.find((chart) => chart.id === 'curves');
  assert.equal(curves?.legend.length, 4 * runDirs.length, 'both runs overlaid');
  assert.equal(await page.getByRole('button', { name: /^Open the folder/ }).count(), 0, 'no host to open folders in a report');
  await page.screenshot({ path: artifactPath('report.png'), fullPage: true });
  assert.deepEqual(requests, [], 'no network request');
  assert.deepEqual(errors, []);
  await page.close();
});

test('lth report: embedded data cannot close its script element; bad folders are clean errors', async () => {
  const snapshot = reportSnapshot(fixtureRunDirs('panel-noise'), false);
  assert.equal(snapshot.type, 'snapshot');
  if (snapshot.type !== 'snapshot') return;
  snapshot.experiment = 'a </script><script>alert(1)</script> name';
  const html = reportHtml(snapshot, { script: 'const marker = "</script>";', style: 'p::after { content: "</style>"; }' });
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two real script elements end');
  assert.equal(html.match(/<\/style>/g)?.length, 1);
  const embedded = html.slice(html.indexOf('id="lth-report-data">') + 'id="lth-report-data">'.length, html.indexOf('</script>'));
  assert.deepEqual(JSON.parse(embedded), snapshot, 'the data reads back unchanged');

  const { io, err } = bufferedIo();
  assert.equal(await reportCommand(['/no/such/run-folder'], io), 1);
  assert.match(err.join(''), /^lth report: .*no\/such\/run-folder/);
  await assert.rejects(reportCommand([fixtureRunDirs('panel-noise')[0], '--out', 'report.txt'], io), /expected a file name ending in \.html/);
});
