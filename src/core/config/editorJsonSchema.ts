// The schema VS Code's JSON editor gets for *.lth.json (contributes.jsonValidation): the published
// schema with its documentation (descriptions, defaults, the values to complete) but without its
// constraints. The extension's own diagnostics report every mistake, once, in the words of
// `lth validate` and with quick fixes; a validating schema in the editor would report each
// mistake a second time, in other words and at another severity.

/** Keywords that only constrain: dropped. */
const CONSTRAINTS = new Set([
  'type', 'required', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'not',
]);

/** The values a constraint allows, offered as completions instead (`examples` constrains nothing). */
function allowedValues(node: Record<string, unknown>): unknown[] {
  const values = [...(Array.isArray(node.enum) ? node.enum : []), ...('const' in node ? [node.const] : [])];
  return [...new Set([...(Array.isArray(node.examples) ? node.examples : []), ...values])];
}

function documentationOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(documentationOnly);
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    if (CONSTRAINTS.has(key) || key === 'enum' || key === 'const' || key === 'examples') continue;
    if (key === 'additionalProperties' && child === false) continue;
    // A condition selects a branch and reports nothing itself: kept whole (the `kind` switch).
    if (key === 'if') kept.if = child;
    // Without their types every alternative matches, which `oneOf` would call an error.
    else if (key === 'oneOf') kept.anyOf = documentationOnly(child);
    else if (key === 'properties' || key === 'definitions') kept[key] = Object.fromEntries(Object.entries(child as object).map(([name, schema]) => [name, documentationOnly(schema)]));
    else kept[key] = documentationOnly(child);
  }
  const examples = allowedValues(node);
  if (examples.length > 0) kept.examples = examples;
  return kept;
}

/** The editor's schema as text, from the published schema's text. */
export function editorJsonSchemaText(publishedSchemaText: string): string {
  const published = JSON.parse(publishedSchemaText) as Record<string, unknown>;
  const editor = documentationOnly(published) as Record<string, unknown>;
  editor.$id = String(published.$id).replace(/lth\.schema\.json$/, 'lth.editor.schema.json');
  return `${JSON.stringify(editor, null, 2)}\n`;
}
