// Waiting on a UI that settles in its own time: poll a probe until it yields a value, and
// when it never does, fail with what was expected and what was last seen.

export interface PollOptions<T> {
  /** What we wait for, phrased for the failure message ("the panel to show 8 trials"). */
  expected: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Describes the last observation for the failure message; default: JSON of the last probe result. */
  describeLast?: (last: T | undefined) => string | Promise<string>;
}

/**
 * Calls `probe` until `accept(result)` holds and returns that result. Errors thrown by the
 * probe count as "not yet" (the page may be mid-reload) and are reported if time runs out.
 */
export async function pollUntil<T>(probe: () => Promise<T>, accept: (value: T) => boolean, options: PollOptions<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(options.intervalMs ?? 250);
  }
  const seen = lastError !== undefined
    ? `the check itself failed: ${lastError instanceof Error ? lastError.message : String(lastError)}`
    : options.describeLast
      ? await options.describeLast(last)
      : JSON.stringify(last);
  throw new Error(`Expected ${options.expected} within ${options.timeoutMs / 1000} s; last seen: ${seen}`);
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((wake) => setTimeout(wake, milliseconds));
}
