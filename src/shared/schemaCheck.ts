// Run-time checks derived from the TypeBox schemas of this folder: a value that does not match
// becomes one readable problem naming where and what was expected
// ("append.records[3].trial: expected an integer, got string "x""), so a receiver can log it and
// drop the message instead of failing deep inside. Value.Errors interprets the schema (no eval:
// the panel's Content-Security-Policy forbids the compiled checker).
import { Kind, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export type CheckResult<T> = { ok: true; value: T } | { ok: false; problem: string };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `number ${value}`;
  return typeof value;
}

/** What a schema accepts, in words. */
function describeExpected(schema: TSchema): string {
  if (typeof schema.description === 'string' && schema[Kind] === 'Union') return schema.description;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf) && schema.anyOf.every((option: TSchema) => option.const !== undefined)) {
    return `one of ${schema.anyOf.map((option: TSchema) => JSON.stringify(option.const)).join(', ')}`;
  }
  switch (schema.type) {
    case 'number':
      return 'a number';
    case 'integer':
      return 'an integer';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return 'a value of another type';
  }
}

/** "/runs/0/manifest/status" under "snapshot" -> "snapshot.runs[0].manifest.status". */
function formatPath(root: string, pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), root);
}

/** The first place `value` breaks `schema`, worded; undefined when it matches. */
export function firstProblem(schema: TSchema, value: unknown, root: string): string | undefined {
  if (Value.Check(schema, value)) return undefined;
  const error = Value.Errors(schema, value).First();
  if (error === undefined) return `${root}: does not match its schema`;
  const expected = error.schema[Kind] === 'Object' && error.value === undefined ? 'an object' : describeExpected(error.schema);
  return `${formatPath(root, error.path)}: expected ${expected}, got ${describeValue(error.value)}`;
}

/** A checker for one schema; `root` names the value in problems. */
export function checker<T>(schema: TSchema, root: string): (value: unknown, name?: string) => CheckResult<T> {
  return (value, name = root) => {
    const problem = firstProblem(schema, value, name);
    return problem === undefined ? { ok: true, value: value as T } : { ok: false, problem };
  };
}

/**
 * A checker for a union of message objects told apart by their `type`: the type is checked
 * first (so a wrong one says which types exist), then the message against its own variant,
 * with problems rooted at the type's name ("append.records[1]...").
 */
export function messageChecker<T>(variants: readonly TObject[], root: string): (value: unknown) => CheckResult<T> {
  const byType = new Map(variants.map((variant) => [variant.properties.type.const as string, variant]));
  const typeSchema = { anyOf: [...byType.keys()].map((type) => ({ const: type })) } as unknown as TSchema;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, problem: `${root}: expected an object, got ${describeValue(value)}` };
    }
    const type = (value as { type?: unknown }).type;
    const variant = typeof type === 'string' ? byType.get(type) : undefined;
    if (variant === undefined) return { ok: false, problem: `${root}.type: expected ${describeExpected(typeSchema)}, got ${describeValue(type)}` };
    const problem = firstProblem(variant, value, type as string);
    return problem === undefined ? { ok: true, value: value as T } : { ok: false, problem };
  };
}
