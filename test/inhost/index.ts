// Entry of the in-host test bundle. Two ways in:
// - the extension itself, when LTH_LAB_INHOST_TESTS is the path of this bundle and
//   LTH_LAB_INHOST_TESTS_AUTORUN is 1 (src/extension/testing/): how the e2e tier runs it in code-server;
// - @vscode/test-electron's extensionTestsPath, where a desktop VS Code exists.
// Results go to LTH_LAB_INHOST_RESULTS (default: <tmp>/lth-lab-inhost-results.json) as JSON:
// { passed, failed, tests: [{ name, status, durationMs, error? }] }. run() rejects on failures.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRegisteredTests } from './harness';
import './extension.inhost';

export const RESULTS_ENV = 'LTH_LAB_INHOST_RESULTS';

export async function run(): Promise<void> {
  const resultsFile = process.env[RESULTS_ENV] || join(tmpdir(), 'lth-lab-inhost-results.json');
  const started = Date.now();
  const tests = await runRegisteredTests((line) => console.log(`[lth in-host] ${line}`));
  const failed = tests.filter((result) => result.status === 'failed');
  const summary = { passed: tests.length - failed.length, failed: failed.length, seconds: (Date.now() - started) / 1000, tests };
  writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`[lth in-host] ${summary.passed} passed, ${summary.failed} failed; results in ${resultsFile}`);
  if (failed.length > 0) throw new Error(`${failed.length} in-host test(s) failed: ${failed.map((result) => result.name).join('; ')}`);
}
