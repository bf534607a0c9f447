// The product's one door to its test support, shut unless a test harness opens it by setting
// LTH_LAB_INHOST_TESTS to the in-host test bundle (test/e2e/harness/inHostSuite.ts does, for
// code-server and for @vscode/test-electron). Then activate() returns test hooks, and with
// LTH_LAB_INHOST_TESTS_AUTORUN=1 (code-server) the suite starts inside this extension host.
import { reportUnexpectedError } from '../errorBoundary';
import type { ExtensionServices } from '../services';
import { runInHostTests } from './runInHostTests';
import { createTestHooks, type LthLabApi, type TestedParts } from './testHooks';

export type { LthLabApi } from './testHooks';

const BUNDLE_ENV = 'LTH_LAB_INHOST_TESTS';
const AUTORUN_ENV = 'LTH_LAB_INHOST_TESTS_AUTORUN';

export interface InHostTesting {
  /** Called at the end of activate(): returns its API, with the hooks; starts the suite if asked to. */
  start(services: ExtensionServices, activationMs: number, parts: TestedParts): LthLabApi;
}

/** Undefined, as for every user, unless `env` names an in-host test bundle. */
export function inHostTesting(env: NodeJS.ProcessEnv): InHostTesting | undefined {
  const bundlePath = env[BUNDLE_ENV];
  if (!bundlePath) return undefined;
  return {
    start(services, activationMs, parts) {
      if (env[AUTORUN_ENV] === '1') {
        // The suite writes its own results file; a failure here is also logged with its stack and shown.
        runInHostTests(services.log, bundlePath).catch((error: unknown) => reportUnexpectedError(services.log, 'the in-host tests', error));
      }
      return { testHooks: createTestHooks(services, activationMs, parts) };
    },
  };
}
