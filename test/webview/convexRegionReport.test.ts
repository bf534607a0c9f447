// A convex-region run (issue 9 §1) in the panel, through `lth report`: the charts are those of
// its own plan — radius, worst-direction radius, λ_min and condition number against r, one line
// per N — and none of a training run's (no metric picker charts, heatmap or curves).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportCommand } from '../../src/cli/commands/report';
import { runExperiment } from '../../src/core/execution/runExperiment';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { artifactPath, chromiumPerFile, collectPageErrors, pointCount, waitForCharts } from './panelPage';

const browser = chromiumPerFile();

test('the report of a convex-region run draws the landscape charts against r, one line per N', async () => {
  const configPath = writeTinyExperiment(temporaryDir(), {
    training: undefined,
    evaluation: undefined,
    analysis: { convexRegion: { directions: 4, maxRadius: 0.5, resolution: 0.05 } },
  });
  const run = await runExperiment({ configPath, outDir: join(temporaryDir(), 'runs'), workers: 2, durable: false }, () => {});
  assert.equal(run.status, 'completed');
  const outFile = artifactPath('convex-region-report.html');
  const silent = { write: () => true };
  assert.equal(await reportCommand([run.runDir, '--out', outFile], { stdout: silent, stderr: silent }), 0);

  const page = await (await browser()).newPage({ viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(20_000);
  const errors = collectPageErrors(page);
  await page.goto(pathToFileURL(outFile).href);
  const charts = await waitForCharts(page, (all) => all.length === 4 && all.every((chart) => pointCount(chart) > 0), 'the four landscape charts');
  assert.deepEqual(
    charts.map((chart) => chart.id),
    ['convexRadiusMedian', 'convexRadiusMin', 'hessianMinEigenvalue', 'conditionNumber'].map((metric) => `landscape:${metric}:nonzerosPerNeuron`),
  );
  for (const chart of charts) {
    assert.match(chart.title, / vs r, one line per N$/);
    assert.deepEqual(chart.legend.filter((entry) => entry.startsWith('N =')), ['N = 30', 'N = 60']);
  }
  await page.screenshot({ path: artifactPath('convex-region-report.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
