// A tiny test runner for the extension host, where node:test is not available to us: tests
// register by name, run one after another with a timeout each, and the results are written as
// JSON for whoever started the suite (the e2e tier reads the file; see index.ts).

export type TestFunction = () => Promise<void> | void;

export interface TestResult {
  name: string;
  status: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

interface RegisteredTest {
  name: string;
  fn: TestFunction;
  timeoutMs: number;
}

const registered: RegisteredTest[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

export const DEFAULT_TIMEOUT_MS = 60_000;

export function test(name: string, fn: TestFunction, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  registered.push({ name, fn, timeoutMs });
}

/** Runs after all tests, even when some failed (temporary files, run folders). */
export function afterAll(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

export async function runRegisteredTests(log: (line: string) => void): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const { name, fn, timeoutMs } of registered) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(fn), timeoutMs, name);
      results.push({ name, status: 'passed', durationMs: Date.now() - started });
      log(`ok - ${name}`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name, status: 'failed', durationMs: Date.now() - started, error: message });
      log(`not ok - ${name}\n${message}`);
    }
  }
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      log(`cleanup failed: ${String(error)}`);
    }
  }
  return results;
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
