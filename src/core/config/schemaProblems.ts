// Schema validation with human messages: TypeBox's Value.Errors finds the failing locations,
// describeSchema words them. One issue per location: a union that fails reports once (not once
// per alternative), and a list given for a sweepable field reports its offending elements.
import { Type, type TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { familyKinds } from '../families/registry';
import { closestMatch } from './didYouMean';
import { describeExpected, explainMismatch, type SchemaNode } from './describeSchema';
import type { PathIssue } from './experimentProblem';
import { mismatchFix, renameFix } from './problemFixes';
import { formatJsonPath, pointerToJsonPath, type JsonPath } from './jsonPath';

/** Every property the schema knows, with its path (to say where a misplaced property belongs). */
function knownPropertyPaths(schema: SchemaNode, prefix: JsonPath = []): JsonPath[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => [[...prefix, key], ...knownPropertyPaths(child, [...prefix, key])]);
}

const propertyPathsBySchema = new WeakMap<TSchema, JsonPath[]>();

function allPropertyPaths(schema: TSchema): JsonPath[] {
  let paths = propertyPathsBySchema.get(schema);
  if (paths === undefined) propertyPathsBySchema.set(schema, (paths = knownPropertyPaths(schema as SchemaNode)));
  return paths;
}

/** The issue of an unknown property, with a rename when a sibling is the likely intended name. */
function unknownPropertyIssue(root: TSchema, parent: SchemaNode, path: JsonPath): PathIssue {
  const key = String(path[path.length - 1]);
  const siblings = Object.keys(parent.properties ?? {});
  const sibling = closestMatch(key, siblings);
  const issue = (message: string): PathIssue => ({ path, anchor: 'key', message, severity: 'error' });
  if (sibling !== undefined) return { ...issue(`unknown property ${JSON.stringify(key)} (did you mean ${JSON.stringify(sibling)}?)`), fix: renameFix(sibling) };
  const elsewhere = allPropertyPaths(root).filter((candidate) => closestMatch(key, [String(candidate[candidate.length - 1])]) !== undefined);
  if (elsewhere.length > 0) return issue(`unknown property ${JSON.stringify(key)} here (did you mean ${JSON.stringify(formatJsonPath(elsewhere[0]))}?)`);
  return issue(`unknown property ${JSON.stringify(key)}; expected one of ${siblings.map((name) => JSON.stringify(name)).join(', ')}`);
}

function collect(root: TSchema, errors: Iterable<ValueError>, document: unknown, seen: Set<string>, issues: PathIssue[]): void {
  for (const error of errors) {
    if (seen.has(error.path)) continue;
    const schema = error.schema as SchemaNode;
    const arrayAlternative = error.type === ValueErrorType.Union && Array.isArray(error.value) ? (schema.anyOf ?? []).findIndex((leaf) => leaf.type === 'array') : -1;
    if (arrayAlternative >= 0) {
      // A list for a sweepable field: report what the list alternative says (its bad elements).
      collect(root, error.errors[arrayAlternative], document, seen, issues);
      continue;
    }
    seen.add(error.path);
    const path = pointerToJsonPath(error.path, document);
    if (error.type === ValueErrorType.ObjectAdditionalProperties) {
      issues.push(unknownPropertyIssue(root, schema, path));
    } else if (error.type === ValueErrorType.ArrayMaxItems && Array.isArray(error.value)) {
      issues.push({ path, message: `a list of ${error.value.length} values; expected at most ${schema.maxItems}`, severity: 'error' });
    } else {
      const fix = mismatchFix(schema, error.value);
      issues.push({ path, message: explainMismatch(schema, error.value), severity: 'error', ...(fix ? { fix } : {}) });
    }
  }
}

/** The root object with a registered `kind`: what must hold before a family's schema applies. */
function kindSchema(): TSchema {
  const kinds = familyKinds().map((kind) => Type.Literal(kind));
  return Type.Object({ kind: kinds.length === 1 ? kinds[0] : Type.Union(kinds) });
}

/** Problems with the root and its `kind` (not an object, kind missing or unknown). */
export function kindIssues(document: unknown): PathIssue[] {
  const schema = kindSchema();
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    const example = `{ "kind": ${JSON.stringify(familyKinds()[0])} }`;
    return [{ path: [], message: `the file holds ${formatRootValue(document)}; expected ${describeExpected(schema as SchemaNode)} like ${example}`, severity: 'error' }];
  }
  const issues: PathIssue[] = [];
  collect(schema, Value.Errors(schema, document), document, new Set(), issues);
  return issues;
}

/** Everything in `document` that does not match a family's schema, one issue per location. */
export function schemaIssues(schema: TSchema, document: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  collect(schema, Value.Errors(schema, document), document, new Set(), issues);
  return issues;
}

function formatRootValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value}`;
}
