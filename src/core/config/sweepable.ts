// The schema shape every kind uses for a parameter that may be swept.
import { Type, type TSchema } from '@sinclair/typebox';

/** A parameter that is either one value or a list of values; a list is a sweep axis. */
export function sweepable<T extends TSchema>(item: T, description: string, defaultValue?: unknown) {
  return Type.Union([item, Type.Array(item, { minItems: 1 })], {
    description: `${description} A list of values makes this a sweep axis.`,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
  });
}
