// The published JSON Schema (schemas/lth.schema.json) as text, generated from the families'
// TypeBox schemas: a union on `kind` (draft-07 if/then per kind, which VS Code's JSON editor
// follows for completion, hover text and squiggles). scripts/generate-schema.ts writes it; a unit
// test fails when the committed file is stale.
import type { TSchema } from '@sinclair/typebox';
import { familyKinds, familyOf } from '../families/registry';

/**
 * Root keywords only the published file needs: the draft it follows, and VS Code's own
 * allowComments / allowTrailingCommas, so that the json editor accepts the comments and trailing
 * commas our parser accepts.
 */
const PUBLISHED_ROOT_KEYWORDS = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://lth-lab.dev/schemas/lth.schema.json',
  title: 'LTH Lab experiment',
  description: 'One lottery-ticket / pruning experiment; its "kind" decides the rest. Every other field has a default; a list where a number is expected is a sweep axis.',
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

/** A family's schema as plain JSON (the round trip drops TypeBox's symbol-keyed metadata). */
function plainSchema(schema: TSchema): unknown {
  return JSON.parse(JSON.stringify(schema));
}

/** The JSON Schema document: 2-space indented JSON with a final newline. */
export function experimentJsonSchemaText(): string {
  const kinds = familyKinds();
  const document = {
    ...PUBLISHED_ROOT_KEYWORDS,
    type: 'object',
    required: ['kind'],
    properties: {
      kind: {
        enum: kinds,
        description: `Experiment family: ${kinds.map((kind) => `"${kind}": ${familyOf(kind).title}`).join('; ')}.`,
      },
    },
    allOf: kinds.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/definitions/${kind}` },
    })),
    definitions: Object.fromEntries(kinds.map((kind) => [kind, plainSchema(familyOf(kind).schema)])),
  };
  return `${JSON.stringify(withStableKeys(document), null, 2)}\n`;
}
