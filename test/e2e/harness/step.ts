// One user-visible step of an e2e scenario: a screenshot when it passes, and when it fails a
// screenshot plus an error naming the step, what was expected and what the page showed.
import { join } from 'node:path';
import type { E2ESession } from './session';
import { ARTIFACTS_DIR } from './session';
import { describeWorkbench } from './workbench';

/** Saves `test-artifacts/e2e/<session>-<name>.png`; returns its path. */
export async function saveScreenshot(session: E2ESession, name: string): Promise<string> {
  const path = join(ARTIFACTS_DIR, `${session.name}-${name}.png`);
  await session.page.screenshot({ path });
  return path;
}

export async function step(session: E2ESession | undefined, id: string, title: string, body: (session: E2ESession) => Promise<void>): Promise<void> {
  if (!session) throw new Error(`Step ${id} (${title}) could not start: the VS Code session failed to open (see the before hook's error)`);
  try {
    await body(session);
    await saveScreenshot(session, id);
  } catch (error) {
    const saved = await saveScreenshot(session, `${id}-FAILED`).catch((screenshotError: Error) => `(none: ${screenshotError.message})`);
    const reason = error instanceof Error ? error.message : String(error);
    const failure = new Error(
      `Step ${id} (${title}) failed: ${reason}\n` +
        `  The page showed: ${await describeWorkbench(session.page)}\n` +
        `  Screenshot: ${saved}\n  code-server log: ${session.server.logFile}`,
    );
    if (error instanceof Error) failure.stack = `${failure.message}\n${error.stack ?? ''}`;
    throw failure;
  }
}
