// The e2e side of the in-host tests (test/inhost/): bundle them for the extension host, and
// turn the JSON results file they write into one node:test subtest per in-host test.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { build } from 'esbuild';
import { REPO_DIR } from './session';

/** Environment names the extension and test/inhost/index.ts read. */
export const INHOST_ENV = {
  bundle: 'LTH_LAB_INHOST_TESTS',
  results: 'LTH_LAB_INHOST_RESULTS',
  autorun: 'LTH_LAB_INHOST_TESTS_AUTORUN',
} as const;

export interface InHostResults {
  passed: number;
  failed: number;
  tests: Array<{ name: string; status: 'passed' | 'failed'; durationMs: number; error?: string }>;
}

/** Bundles test/inhost/index.ts (CommonJS, `vscode` left to the host) into `outDir`; returns the file. */
export async function bundleInHostTests(outDir: string): Promise<string> {
  const outfile = join(outDir, 'inhost-tests.js');
  await build({
    entryPoints: [join(REPO_DIR, 'test', 'inhost', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return outfile;
}

/** The results file, once it exists and parses (undefined before). */
export function readInHostResults(file: string): InHostResults | undefined {
  if (!existsSync(file)) return undefined;
  const results = JSON.parse(readFileSync(file, 'utf8')) as InHostResults;
  if (!Array.isArray(results.tests)) throw new Error(`${file}: expected { tests: [...] }, got ${JSON.stringify(results).slice(0, 200)}`);
  return results;
}

/** Reports every in-host test as a subtest of `context`, failing those that failed in the host. */
export async function reportInHostResults(context: TestContext, results: InHostResults): Promise<void> {
  if (results.tests.length === 0) throw new Error('The in-host suite ran no tests: expected the tests registered in test/inhost/');
  for (const result of results.tests) {
    await context.test(result.name, () => {
      if (result.status !== 'passed') throw new Error(`In-host test failed in the extension host:\n${result.error ?? '(no error text)'}`);
    });
  }
}
