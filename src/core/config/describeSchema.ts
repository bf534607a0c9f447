// Human wording for schema errors: what a schema expects ("a number in [0, 1) or a list of such
// numbers") and what is wrong with a value against it ("1.2 is out of range"). Reads plain JSON
// Schema keywords, so it works on any part of ExperimentSchema without a second copy of its rules.
import { closestMatch } from './didYouMean';

/** The JSON Schema keywords this wording understands (what ExperimentSchema uses). */
export interface SchemaNode {
  type?: string;
  const?: unknown;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
}

const MAX_VALUE_CHARS = 60;

/** A value as it appears in messages: JSON, shortened when long. */
export function formatValue(value: unknown): string {
  // Non-finite numbers (a literal like 1e400 parses to Infinity) would print as "null" in JSON.
  const text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

function isNumeric(schema: SchemaNode): boolean {
  return schema.type === 'number' || schema.type === 'integer';
}

/** Bounds as an interval when both ends exist ("in [0, 1)"), else as one inequality ("≥ 1"). */
function describeBounds(schema: SchemaNode): string {
  const lower = schema.exclusiveMinimum ?? schema.minimum;
  const upper = schema.exclusiveMaximum ?? schema.maximum;
  if (lower !== undefined && upper !== undefined) {
    const open = schema.exclusiveMinimum !== undefined ? '(' : '[';
    const close = schema.exclusiveMaximum !== undefined ? ')' : ']';
    return ` in ${open}${lower}, ${upper}${close}`;
  }
  if (lower !== undefined) return schema.exclusiveMinimum !== undefined ? ` > ${lower}` : ` ≥ ${lower}`;
  if (upper !== undefined) return schema.exclusiveMaximum !== undefined ? ` < ${upper}` : ` ≤ ${upper}`;
  return '';
}

/** "integers" / "numbers" / "strings": the noun for a list of items of this schema. */
function pluralNoun(schema: SchemaNode): string {
  if (schema.type === 'integer') return 'integers';
  if (schema.type === 'number') return 'numbers';
  if (schema.type === 'object') return 'objects';
  return 'values';
}

function joinAlternatives(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** What a value must be to satisfy `schema`, e.g. `"full", "split" or an integer ≥ 1`. */
export function describeExpected(schema: SchemaNode): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf !== undefined) {
    const [single, list] = schema.anyOf;
    // The sweepable pattern: one value or a list of values of the same schema.
    if (schema.anyOf.length === 2 && list.type === 'array' && JSON.stringify(list.items) === JSON.stringify(single)) {
      return `${describeExpected(single)} or a list of such ${pluralNoun(single)}`;
    }
    return joinAlternatives(schema.anyOf.map(describeExpected));
  }
  switch (schema.type) {
    case 'integer':
      return `an integer${describeBounds(schema)}`;
    case 'number':
      return `a number${describeBounds(schema)}`;
    case 'string':
      return (schema.minLength ?? 0) > 0 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = schema.items === undefined ? 'values' : pluralNoun(schema.items);
      const list = (schema.minItems ?? 0) > 0 ? `a non-empty list of ${items}` : `a list of ${items}`;
      return schema.maxItems === undefined ? list : `${list} (at most ${schema.maxItems})`;
    }
    case 'object':
      return 'an object';
    default:
      return 'a valid value';
  }
}

/** The alternatives of a schema, with unions flattened. */
function leaves(schema: SchemaNode): SchemaNode[] {
  return schema.anyOf === undefined ? [schema] : schema.anyOf.flatMap(leaves);
}

function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a number';
}

/** What is wrong with `value` (undefined = missing) against `schema`, and what was expected. */
export function explainMismatch(schema: SchemaNode, value: unknown): string {
  const expected = describeExpected(schema);
  if (value === undefined) return `missing; expected ${expected}`;
  const alternatives = leaves(schema);
  if (typeof value === 'number' && alternatives.some(isNumeric)) {
    const onlyIntegers = alternatives.filter(isNumeric).every((leaf) => leaf.type === 'integer');
    const problem = onlyIntegers && !Number.isInteger(value) ? 'is not an integer' : 'is out of range';
    return `${formatValue(value)} ${problem}; expected ${expected}`;
  }
  if (typeof value === 'string') {
    const options = alternatives.flatMap((leaf) => (typeof leaf.const === 'string' ? [leaf.const] : []));
    if (alternatives.some((leaf) => leaf.type === 'string' && leaf.const === undefined)) {
      return `${formatValue(value)} is too short; expected ${expected}`;
    }
    if (options.length > 0) {
      const suggestion = closestMatch(value, options);
      const hint = suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`;
      return `${formatValue(value)} is not an allowed value; expected ${expected}${hint}`;
    }
  }
  const listAlternative = alternatives.find((leaf) => leaf.type === 'array');
  if (Array.isArray(value) && value.length === 0 && listAlternative !== undefined) {
    const item = listAlternative.items === undefined ? '' : ` (${describeExpected(listAlternative.items)})`;
    return `the list is empty; expected at least one value${item}`;
  }
  return `${formatValue(value)} is ${jsonTypeName(value)}; expected ${expected}`;
}
