// "Run on Slurm…" in a real VS Code (code-server + Chromium, the packaged VSIX) against a real
// Slurm on localhost (test/cluster/localSlurm.ts): the command asks for the shard count and the
// partition in input boxes, shows the array script, submits on "Submit", reports the job ids,
// and the panel shows the run with a bar per shard until every shard has landed. Skipped, with
// the reason, where a local Slurm cannot start (not root, packages missing).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startLocalSlurm, whyNoLocalSlurm, type LocalSlurm } from '../cluster/localSlurm';
import { pollUntil } from './harness/poll';
import { describeRuns, runsOnDisk } from './harness/runFolders';
import { INSTALL_TIMEOUT_MS, installCodeServerOnce, openSession, type E2ESession } from './harness/session';
import { step } from './harness/step';
import { activeTabTitle, answerInputBox, notificationTexts, openFileFromExplorer, runCommandFromPalette, waitForCodeLens } from './harness/workbench';

const noSlurm = whyNoLocalSlurm();
if (noSlurm !== undefined) console.log(`"Run on Slurm…" in VS Code skipped: ${noSlurm}`);

/** The shard strip's summary in the panel's webview frame, if it shows one. */
async function shardSummary(page: Page): Promise<string | undefined> {
  for (const frame of page.frames()) {
    const text = await frame.evaluate(() => document.querySelector('.shard-progress:not([hidden]) .shard-summary')?.textContent ?? undefined).catch(() => undefined);
    if (text) return text;
  }
  return undefined;
}

describe('"Run on Slurm…" in a real VS Code against a local Slurm', { skip: noSlurm }, () => {
  let cluster: LocalSlurm | undefined;
  let session: E2ESession | undefined;

  before(() => installCodeServerOnce(), { timeout: INSTALL_TIMEOUT_MS });
  before(async () => {
    cluster = await startLocalSlurm();
    session = await openSession({ name: 'slurm', env: { SLURM_CONF: cluster.env.SLURM_CONF as string } });
  }, { timeout: 3 * 60_000 });

  after(async () => {
    await session?.close();
    await cluster?.stop();
  });

  it('asks for shards and partition, shows the script, submits, and the panel follows the shards', { timeout: 150_000 }, () =>
    step(session, 'slurm-run', 'run tiny.lth.json on Slurm as 3 shards', async (current) => {
      const { page, workspaceDir } = current;
      await openFileFromExplorer(page, 'tiny.lth.json');
      // The palette lists the extension's commands once its host has loaded it: its CodeLens says so.
      await waitForCodeLens(page, 'Run LTH experiment');
      await runCommandFromPalette(page, 'Run on Slurm');
      await answerInputBox(page, 'Run on Slurm (1/2)', '3');
      await answerInputBox(page, 'Run on Slurm (2/2)', ''); // the cluster's default partition
      await pollUntil(() => activeTabTitle(page), (title) => title === 'lth-array.sbatch', { expected: 'the array script open in an editor before submitting', timeoutMs: 15_000 });
      const submit = page.locator('.monaco-dialog-box').getByRole('button', { name: 'Submit' });
      await submit.waitFor({ state: 'visible', timeout: 15_000 });
      await submit.click();

      const texts = await pollUntil(() => notificationTexts(page), (found) => found.some((text) => /Submitted tiny to Slurm: array job \d+ \(3 shards\) and merge job \d+/.test(text)), {
        expected: 'a notification with the job ids',
        timeoutMs: 30_000,
        describeLast: (found) => `notifications ${JSON.stringify(found)}`,
      });
      const [, arrayJob, mergeJob] = /array job (\d+) \(3 shards\) and merge job (\d+)/.exec(texts.join('\n')) ?? [];
      await (cluster as LocalSlurm).waitForJobs([arrayJob, mergeJob], 90_000);

      await pollUntil(() => shardSummary(page), (summary) => summary === 'Shards: 3 of 3 done', {
        expected: 'the panel to show every shard done',
        timeoutMs: 30_000,
        describeLast: (summary) => `shard strip: ${summary ?? 'none'}`,
      });
      const merged = runsOnDisk(workspaceDir, 'tiny').filter((run) => run.dir.includes('slurm-'));
      assert.equal(merged.length, 1, describeRuns(runsOnDisk(workspaceDir, 'tiny')));
      assert.equal(merged[0].status, 'completed');
      assert.equal(merged[0].records.length, merged[0].totalTrials, describeRuns(merged));
    }));
});
