// The published JSON Schema (schemas/lth.schema.json) as text, generated from ExperimentSchema.
// scripts/generate-schema.ts writes it; a unit test fails when the committed file is stale.
import { ExperimentSchema } from '../families/teacher-student/schema';

/**
 * Root keywords only the published file needs: the draft it follows, and VS Code's own
 * allowComments / allowTrailingCommas, so that the json editor accepts the comments and trailing
 * commas our parser accepts.
 */
const PUBLISHED_ROOT_KEYWORDS = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  allowComments: true,
  allowTrailingCommas: true,
};

/** Sorts keys at every level except inside `properties`, which keeps the fields in declaration order. */
function withStableKeys(value: unknown, insideProperties = false): unknown {
  if (Array.isArray(value)) return value.map((item) => withStableKeys(item));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = insideProperties ? Object.keys(record) : Object.keys(record).sort();
  return Object.fromEntries(keys.map((key) => [key, withStableKeys(record[key], !insideProperties && key === 'properties')]));
}

/** The JSON Schema document: 2-space indented JSON with a final newline. */
export function experimentJsonSchemaText(): string {
  // JSON round trip drops TypeBox's symbol-keyed metadata.
  const schema = JSON.parse(JSON.stringify(ExperimentSchema)) as Record<string, unknown>;
  return `${JSON.stringify({ ...PUBLISHED_ROOT_KEYWORDS, ...(withStableKeys(schema) as Record<string, unknown>) }, null, 2)}\n`;
}
