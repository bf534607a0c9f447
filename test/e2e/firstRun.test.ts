// A researcher's first minutes in a real VS Code (code-server + Chromium, the packaged VSIX): a
// workspace folder with no experiment in it. The explorer's LTH Experiments view says so and
// offers a preset; the preset lands in the folder as an experiment file with its Run CodeLens,
// and a click runs it into a panel whose charts hold the run's records; the lenses then say so.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { pollUntil } from './harness/poll';
import { completedRun, panelShowing } from './harness/runChecks';
import { INSTALL_TIMEOUT_MS, installCodeServerOnce, openSession, type E2ESession } from './harness/session';
import { step } from './harness/step';
import { activeTabTitle, clickCodeLens, codeLensTitles, waitForCodeLens } from './harness/workbench';

// The project's main example: it sweeps N and r, so the panel's heatmap and metric-vs-N charts are checked against the records.
const PRESET = 'phase-transition';

/** Expands the explorer's LTH Experiments section (VS Code may show it collapsed). */
async function expandExperimentsView(page: Page): Promise<void> {
  const header = page.locator('.pane-header', { hasText: 'LTH Experiments' });
  await header.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

describe('a first experiment from an empty folder, in a real VS Code', () => {
  let session: E2ESession | undefined;

  before(() => installCodeServerOnce(), { timeout: INSTALL_TIMEOUT_MS });
  before(async () => {
    session = await openSession({ name: 'first-run', workspace: 'empty' });
  }, { timeout: 3 * 60_000 });

  after(async () => {
    await session?.close();
  });

  it('the LTH Experiments view offers a preset; it becomes a file with its Run lens, and runs into the panel', { timeout: 150_000 }, () =>
    step(session, 'first-run', `start from the ${PRESET} preset in an empty folder`, async (current) => {
      const { page, workspaceDir } = current;
      await expandExperimentsView(page);
      const welcome = page.locator('.welcome-view-content', { hasText: 'This workspace has no experiment file' });
      await pollUntil(() => welcome.count(), (count) => count === 1, {
        expected: 'the welcome text of an experiment-less workspace in the LTH Experiments view',
        timeoutMs: 15_000,
        describeLast: async () => `welcome views: ${JSON.stringify(await page.locator('.welcome-view-content').allInnerTexts())}`,
      });
      await welcome.getByRole('button', { name: 'New Experiment from Preset' }).click();

      // The pick lists the presets (a virtual list: only the rows in view exist), filtered by typing.
      const filter = page.locator('.quick-input-widget .quick-input-box input');
      await filter.waitFor({ state: 'visible', timeout: 15_000 });
      await filter.fill(PRESET);
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await pollUntil(() => rows.allInnerTexts(), (texts) => texts.some((text) => text.startsWith(PRESET)), {
        expected: `the preset pick offering ${PRESET}, with its description`,
        timeoutMs: 15_000,
        describeLast: (texts) => `pick rows: ${JSON.stringify(texts)}`,
      });
      await rows.filter({ hasText: PRESET }).first().click();

      const fileName = `${PRESET}.lth.json`;
      await pollUntil(() => activeTabTitle(page), (title) => title === fileName, { expected: `${fileName} open in an editor`, timeoutMs: 15_000 });
      assert.ok(existsSync(join(workspaceDir, fileName)), `${fileName} is written into the workspace folder`);
      await waitForCodeLens(page, 'Run LTH experiment');
      await clickCodeLens(page, 'Run LTH experiment');
      const run = await completedRun(current, PRESET);
      await panelShowing(current, run.records, `the ${PRESET} run (${run.dir})`);
      // Finished: the Cancel lens gives way to Run again, and the results lens counts every trial.
      await pollUntil(() => codeLensTitles(page), (titles) => titles.some((title) => title.includes('Run LTH experiment')) && titles.some((title) => title.includes(`${run.totalTrials} trials`)), {
        expected: `the Run lens back and the results lens counting ${run.totalTrials} trials`,
        timeoutMs: 15_000,
        describeLast: (titles) => `CodeLenses ${JSON.stringify(titles)}`,
      });
    }));
});
