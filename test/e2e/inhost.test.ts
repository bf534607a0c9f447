// The in-host suite (test/inhost/: tests against the vscode API) run inside a real extension
// host: code-server's always; a desktop VS Code's through @vscode/test-electron when
// VSCODE_EXECUTABLE_PATH names one. Each in-host test is reported as a subtest here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { bundleInHostTests, INHOST_ENV, readInHostResults, reportInHostResults, type InHostResults } from './harness/inHostSuite';
import { pollUntil } from './harness/poll';
import { copyFixtureWorkspace, INSTALL_TIMEOUT_MS, installCodeServerOnce, openSession, REPO_DIR } from './harness/session';
import { saveScreenshot } from './harness/step';

const SUITE_TIMEOUT_MS = 5 * 60_000;

describe('in-host tests (the vscode API inside the extension host)', () => {
  before(() => installCodeServerOnce(), { timeout: INSTALL_TIMEOUT_MS });

  it('in code-server\'s extension host', { timeout: 8 * 60_000 }, async (context) => {
    const tempRoot = mkdtempSync(join(tmpdir(), 'lth-inhost-'));
    const resultsFile = join(tempRoot, 'results.json');
    try {
      const bundle = await bundleInHostTests(tempRoot);
      // AUTORUN: the extension starts the suite as soon as it activates (the workspace holds *.lth.json files).
      const session = await openSession({
        name: 'inhost',
        env: { [INHOST_ENV.bundle]: bundle, [INHOST_ENV.results]: resultsFile, [INHOST_ENV.autorun]: '1' },
      });
      let results: InHostResults;
      try {
        results = await pollUntil(async () => readInHostResults(resultsFile), (found) => found !== undefined, {
          expected: `the in-host suite to write ${resultsFile}`,
          timeoutMs: SUITE_TIMEOUT_MS,
          intervalMs: 1000,
          describeLast: () => `no results yet; the extension host's log is copied to test-artifacts/e2e/inhost-vscode-logs/`,
        }) as InHostResults;
        await saveScreenshot(session, 'finished');
      } finally {
        await session.close();
      }
      await reportInHostResults(context, results);
    } finally {
      rmSync(tempRoot, { recursive: true, force: true });
    }
  });

  it('under @vscode/test-electron (desktop VS Code)', { timeout: 8 * 60_000 }, async (context) => {
    const executable = process.env.VSCODE_EXECUTABLE_PATH;
    if (!executable) {
      context.skip('skipped: no desktop VS Code (VSCODE_EXECUTABLE_PATH unset)');
      return;
    }
    const testElectron = await loadTestElectron();
    const tempRoot = mkdtempSync(join(tmpdir(), 'lth-inhost-electron-'));
    const resultsFile = join(tempRoot, 'results.json');
    try {
      const bundle = await bundleInHostTests(tempRoot);
      // run() rejects when a test fails; the results file says which, so report from it either way.
      const outcome = await testElectron
        .runTests({
          vscodeExecutablePath: executable,
          extensionDevelopmentPath: REPO_DIR,
          extensionTestsPath: bundle,
          launchArgs: [copyFixtureWorkspace(tempRoot), '--disable-workspace-trust', '--user-data-dir', join(tempRoot, 'user-data'), '--extensions-dir', join(tempRoot, 'extensions')],
          extensionTestsEnv: { [INHOST_ENV.bundle]: bundle, [INHOST_ENV.results]: resultsFile },
        })
        .then(() => undefined, (error: unknown) => error);
      const results = readInHostResults(resultsFile);
      if (!results) throw new Error(`Desktop VS Code (${executable}) wrote no in-host results: ${String(outcome)}`);
      await reportInHostResults(context, results);
    } finally {
      rmSync(tempRoot, { recursive: true, force: true });
    }
  });
});

interface TestElectron {
  runTests(options: {
    vscodeExecutablePath: string;
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    launchArgs: string[];
    extensionTestsEnv: Record<string, string>;
  }): Promise<number>;
}

/** @vscode/test-electron is installed only where a desktop VS Code exists (it cannot download one here). */
async function loadTestElectron(): Promise<TestElectron> {
  const name = '@vscode/test-electron';
  try {
    return (await import(name)) as TestElectron;
  } catch {
    throw new Error(`VSCODE_EXECUTABLE_PATH is set but ${name} is not installed: npm install --save-dev ${name}`);
  }
}
