// Runs the in-host test suite (test/inhost/, bundled apart from the extension) inside this
// extension host: code-server, where the e2e tier runs, has no @vscode/test-electron to do it.
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import type { Log } from '../log';

interface InHostSuite {
  /** Runs every test; resolves when done (results are written by the suite itself), rejects on failures. */
  run(): Promise<void>;
}

export async function runInHostTests(log: Log, bundlePath: string): Promise<void> {
  log.info(`in-host tests: loading ${bundlePath}`);
  // A runtime require of an absolute path: the suite is not part of the extension bundle.
  const suite = createRequire(__filename)(bundlePath) as Partial<InHostSuite>;
  if (typeof suite.run !== 'function') throw new Error(`${bundlePath} does not export run(): is it the in-host test bundle?`);
  await suite.run();
  log.info('in-host tests: all passed');
  void vscode.window.showInformationMessage('LTH Lab in-host tests passed.');
}
