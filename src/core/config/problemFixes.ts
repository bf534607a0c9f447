// The one likely correction of a value the schema refuses, for the editor's quick fixes: a number
// out of range becomes the nearest allowed one, a misspelt option the option it is closest to.
import { closestMatch } from './didYouMean';
import { formatValue, type SchemaNode } from './describeSchema';
import type { ProblemFix } from './experimentProblem';

function leaves(schema: SchemaNode): SchemaNode[] {
  return schema.anyOf === undefined ? [schema] : schema.anyOf.flatMap(leaves);
}

/**
 * The allowed number nearest to `value` under one numeric schema, or undefined when that is not
 * one clear value: an open end (momentum < 1 has no largest value) has no nearest number.
 */
function nearestInRange(schema: SchemaNode, value: number): number | undefined {
  const integer = schema.type === 'integer';
  let nearest = integer ? Math.round(value) : value;
  if (schema.minimum !== undefined && nearest < schema.minimum) nearest = integer ? Math.ceil(schema.minimum) : schema.minimum;
  if (schema.maximum !== undefined && nearest > schema.maximum) nearest = integer ? Math.floor(schema.maximum) : schema.maximum;
  if (schema.exclusiveMinimum !== undefined && nearest <= schema.exclusiveMinimum) {
    if (!integer) return undefined;
    nearest = Math.floor(schema.exclusiveMinimum) + 1;
  }
  if (schema.exclusiveMaximum !== undefined && nearest >= schema.exclusiveMaximum) {
    if (!integer) return undefined;
    nearest = Math.ceil(schema.exclusiveMaximum) - 1;
  }
  const fits =
    (schema.minimum === undefined || nearest >= schema.minimum) &&
    (schema.maximum === undefined || nearest <= schema.maximum) &&
    (schema.exclusiveMinimum === undefined || nearest > schema.exclusiveMinimum) &&
    (schema.exclusiveMaximum === undefined || nearest < schema.exclusiveMaximum);
  return fits && Number.isFinite(nearest) ? nearest : undefined;
}

/** The fix for `value` failing `schema`, when there is one clear candidate. */
export function mismatchFix(schema: SchemaNode, value: unknown): ProblemFix | undefined {
  const alternatives = leaves(schema);
  if (typeof value === 'number' && Number.isFinite(value)) {
    const candidates = alternatives
      .filter((leaf) => leaf.type === 'number' || leaf.type === 'integer')
      .map((leaf) => nearestInRange(leaf, value))
      .filter((candidate): candidate is number => candidate !== undefined && candidate !== value);
    if (candidates.length === 0) return undefined;
    const nearest = candidates.reduce((best, candidate) => (Math.abs(candidate - value) < Math.abs(best - value) ? candidate : best));
    return { title: `Change ${formatValue(value)} to ${formatValue(nearest)}, the nearest allowed value`, replacement: nearest };
  }
  if (typeof value === 'string') {
    const options = alternatives.flatMap((leaf) => (typeof leaf.const === 'string' ? [leaf.const] : []));
    const suggestion = closestMatch(value, options);
    if (suggestion !== undefined && suggestion !== value) return { title: `Change to ${JSON.stringify(suggestion)}`, replacement: suggestion };
  }
  return undefined;
}

/** The fix for a misspelt property name: its closest sibling. */
export function renameFix(name: string): ProblemFix {
  return { title: `Change to ${JSON.stringify(name)}`, replacement: name };
}
