// A thin layer over node:util parseArgs: usage mistakes become UsageError (exit 2) with a
// message that says what was expected.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorMessage } from '../shared/errorMessage';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs messages are clear ("Unknown option '--wrokers'"); drop Node's advice to use "--".
    throw new UsageError(errorMessage(error).replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** A positive integer option, or undefined when absent. */
export function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${option} ${JSON.stringify(value)}: expected a positive integer`);
  return Number(value);
}
