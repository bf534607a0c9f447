// Remakes the README's screenshot (docs/images/panel-in-vscode.png) in a real VS Code: code-server
// with the packaged VSIX, the phase-transition preset run from its CodeLens, the panel scrolled to
// the heatmap with the theory's boundary. Run after `npm run build`:
//   node --import tsx scripts/readme-screenshot.ts
import { join } from 'node:path';
import { pollUntil } from '../test/e2e/harness/poll';
import { runsOnDisk } from '../test/e2e/harness/runFolders';
import { installCodeServerOnce, openSession, REPO_DIR } from '../test/e2e/harness/session';
import { clickCodeLens, openFileFromExplorer, waitForCodeLens } from '../test/e2e/harness/workbench';

const PRESET = 'phase-transition';
const OUTPUT = join(REPO_DIR, 'docs', 'images', 'panel-in-vscode.png');

async function main(): Promise<void> {
  installCodeServerOnce();
  const session = await openSession({ name: 'readme', files: { [`${PRESET}.lth.json`]: join(REPO_DIR, 'examples', `${PRESET}.lth.json`) } });
  try {
    await openFileFromExplorer(session.page, `${PRESET}.lth.json`);
    await waitForCodeLens(session.page, 'Run LTH experiment');
    await clickCodeLens(session.page, 'Run LTH experiment');
    await pollUntil(
      async () => runsOnDisk(session.workspaceDir, PRESET),
      (runs) => runs.some((run) => run.status === 'completed'),
      { expected: `a completed run of ${PRESET}`, timeoutMs: 120_000 },
    );
    // The notifications of the finished run would cover the panel.
    await session.page.keyboard.press('Escape');
    const heatmap = await pollUntil(
      async () => {
        for (const frame of session.page.frames()) {
          const card = frame.locator('.chart-card[data-chart-id="heatmap:"]');
          if ((await card.count().catch(() => 0)) > 0) return card;
        }
        return undefined;
      },
      (card) => card !== undefined,
      { expected: 'the heatmap in the panel', timeoutMs: 30_000 },
    );
    await heatmap?.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await session.page.waitForTimeout(1500); // the charts' resize and animation
    await session.page.screenshot({ path: OUTPUT });
    console.log(`wrote ${OUTPUT}`);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
