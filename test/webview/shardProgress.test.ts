// The per-shard strip of a cluster run in the built panel (Chromium): hidden for ordinary runs,
// one bar per shard with its count and status once shard-progress messages come, and a message
// with an unknown status dropped without touching it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, fixtureRun, fixtureRunDirs, posted, send, snapshotMessage, panelHarnessPerFile, waitForCharts } from './panelPage';


const openPanel = panelHarnessPerFile();

test('a cluster run shows a bar per shard; an ordinary run shows none', async () => {
  const { page, errors } = await openPanel();
  const run = fixtureRun(fixtureRunDirs('panel-phase')[0]);
  await send(page, snapshotMessage('panel-phase', [run]));
  await waitForCharts(page, (charts) => charts.length > 0, 'charts of the run');
  const strip = page.locator('.shard-progress');
  assert.equal(await strip.isHidden(), true, 'no strip for a run that is not a cluster run');

  const shards = [
    { index: 1, status: 'completed', completedTrials: 5, totalTrials: 5 },
    { index: 2, status: 'running', completedTrials: 2, totalTrials: 6 },
    { index: 3, status: 'pending', completedTrials: 0, totalTrials: 0 },
    { index: 4, status: 'failed', completedTrials: 1, totalTrials: 4 },
  ];
  await send(page, { type: 'shard-progress', runId: run.runId, shards });
  assert.equal(await strip.isVisible(), true);
  assert.equal(await strip.locator('.shard-summary').textContent(), 'Shards: 1 of 4 done');
  const bars = await strip.locator('progress').evaluateAll((nodes) => nodes.map((node) => ({ value: (node as HTMLProgressElement).value, max: (node as HTMLProgressElement).max, label: node.getAttribute('aria-label') })));
  assert.deepEqual(bars, [
    { value: 5, max: 5, label: 'Shard 1: 5/5 completed' },
    { value: 2, max: 6, label: 'Shard 2: 2/6 running' },
    { value: 0, max: 1, label: 'Shard 3: pending' },
    { value: 1, max: 4, label: 'Shard 4: 1/4 failed' },
  ]);
  assert.equal(await strip.locator('.shard-failed').count(), 1);
  await page.locator('header').first().screenshot({ path: artifactPath('shard-progress.png') });

  await send(page, { type: 'shard-progress', runId: run.runId, shards: [{ ...shards[0], status: 'lost' }] });
  assert.equal(await strip.locator('progress').count(), 4, 'a malformed message changes nothing');
  const logged = (await posted(page)).filter((message) => message.type === 'log').map((message) => String(message.message));
  assert.ok(logged.some((message) => /Dropped a malformed message: shard-progress\.shards\[0\]\.status/.test(message)), logged.join('\n'));
  assert.deepEqual(errors, [], 'no errors in the page');
  await page.close();
});
