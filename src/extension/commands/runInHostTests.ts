// Starts the in-host test suite (test/inhost/, bundled separately) inside this extension host.
// Only registered when LTH_LAB_INHOST_TESTS names the bundle: the e2e tests set it on the
// code-server they start, since no desktop VS Code (@vscode/test-electron) is available.
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import type { Log } from '../log';

export const INHOST_TESTS_ENV = 'LTH_LAB_INHOST_TESTS';

interface InHostSuite {
  /** Runs every test; resolves when done (results are written by the suite itself), rejects on failures. */
  run(): Promise<void>;
}

export async function runInHostTests(log: Log, bundlePath: string): Promise<void> {
  log.info(`in-host tests: loading ${bundlePath}`);
  // A runtime require of an absolute path: the suite is not part of the extension bundle.
  const suite = createRequire(__filename)(bundlePath) as Partial<InHostSuite>;
  if (typeof suite.run !== 'function') throw new Error(`${bundlePath} does not export run(): is it the in-host test bundle?`);
  try {
    await suite.run();
    log.info('in-host tests: all passed');
    void vscode.window.showInformationMessage('LTH Lab in-host tests passed.');
  } catch (error) {
    log.error(`in-host tests: ${(error as Error).message}`);
    throw error;
  }
}
