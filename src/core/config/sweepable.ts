// The schema shape every kind uses for a parameter that may be swept.
import { Type, type TSchema } from '@sinclair/typebox';

/**
 * Values one axis may hold: far more than any sweep can run (a grid multiplies its axes), and few
 * enough for every check and summary to handle a list at once.
 */
export const MAX_AXIS_VALUES = 10_000;

/** A list of values: a sweep axis. */
export function sweepList<T extends TSchema>(item: T) {
  return Type.Array(item, { minItems: 1, maxItems: MAX_AXIS_VALUES });
}

/** A parameter that is either one value or a list of values; a list is a sweep axis. */
export function sweepable<T extends TSchema>(item: T, description: string, defaultValue?: unknown) {
  return Type.Union([item, sweepList(item)], {
    description: `${description} A list of values makes this a sweep axis.`,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
  });
}
