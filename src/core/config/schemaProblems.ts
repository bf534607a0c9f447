// Schema validation with human messages: TypeBox's Value.Errors finds the failing locations,
// describeSchema words them. One issue per location: a union that fails reports once (not once
// per alternative), and a list given for a sweepable field reports its offending elements.
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { closestMatch } from './didYouMean';
import { ExperimentSchema } from '../families/teacher-student/schema';
import { describeExpected, explainMismatch, type SchemaNode } from './describeSchema';
import type { PathIssue } from './experimentProblem';
import { formatJsonPath, pointerToJsonPath, type JsonPath } from './jsonPath';

/** Every property the schema knows, with its path (to say where a misplaced property belongs). */
function knownPropertyPaths(schema: SchemaNode, prefix: JsonPath = []): JsonPath[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => [[...prefix, key], ...knownPropertyPaths(child, [...prefix, key])]);
}

const ALL_PROPERTY_PATHS = knownPropertyPaths(ExperimentSchema as SchemaNode);

function unknownPropertyMessage(parent: SchemaNode, path: JsonPath): string {
  const key = String(path[path.length - 1]);
  const siblings = Object.keys(parent.properties ?? {});
  const sibling = closestMatch(key, siblings);
  if (sibling !== undefined) return `unknown property ${JSON.stringify(key)} (did you mean ${JSON.stringify(sibling)}?)`;
  const elsewhere = ALL_PROPERTY_PATHS.filter((candidate) => closestMatch(key, [String(candidate[candidate.length - 1])]) !== undefined);
  if (elsewhere.length > 0) return `unknown property ${JSON.stringify(key)} here (did you mean ${JSON.stringify(formatJsonPath(elsewhere[0]))}?)`;
  return `unknown property ${JSON.stringify(key)}; expected one of ${siblings.map((name) => JSON.stringify(name)).join(', ')}`;
}

function collect(errors: Iterable<ValueError>, document: unknown, seen: Set<string>, issues: PathIssue[]): void {
  for (const error of errors) {
    if (seen.has(error.path)) continue;
    const schema = error.schema as SchemaNode;
    const arrayAlternative = error.type === ValueErrorType.Union && Array.isArray(error.value) ? (schema.anyOf ?? []).findIndex((leaf) => leaf.type === 'array') : -1;
    if (arrayAlternative >= 0) {
      // A list for a sweepable field: report what the list alternative says (its bad elements).
      collect(error.errors[arrayAlternative], document, seen, issues);
      continue;
    }
    seen.add(error.path);
    const path = pointerToJsonPath(error.path, document);
    if (error.type === ValueErrorType.ObjectAdditionalProperties) {
      issues.push({ path, anchor: 'key', message: unknownPropertyMessage(schema, path), severity: 'error' });
    } else {
      issues.push({ path, message: explainMismatch(schema, error.value), severity: 'error' });
    }
  }
}

/** Everything in `document` that does not match ExperimentSchema, one issue per location. */
export function schemaIssues(document: unknown): PathIssue[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return [{ path: [], message: `the file holds ${formatRootValue(document)}; expected ${describeExpected(ExperimentSchema as SchemaNode)} like { "kind": "teacher-student" }`, severity: 'error' }];
  }
  const issues: PathIssue[] = [];
  collect(Value.Errors(ExperimentSchema, document), document, new Set(), issues);
  return issues;
}

function formatRootValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value}`;
}
