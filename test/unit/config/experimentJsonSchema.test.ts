// The committed schemas/lth.schema.json must be what the TypeBox source generates (never kept by hand).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { editorJsonSchemaText } from '../../../src/core/config/editorJsonSchema';
import { experimentJsonSchemaText } from '../../../src/core/config/experimentJsonSchema';

const committedPath = join(__dirname, '..', '..', '..', 'schemas', 'lth.schema.json');

describe('schemas/lth.schema.json', () => {
  it('is up to date with families/teacher-student/schema.ts (regenerate: node --import tsx scripts/generate-schema.ts)', () => {
    assert.equal(readFileSync(committedPath, 'utf8'), experimentJsonSchemaText());
  });

  it('is stable: generating twice gives the same text', () => {
    assert.equal(experimentJsonSchemaText(), experimentJsonSchemaText());
  });

  it('lets the editor accept comments and trailing commas, and requires only "kind"', () => {
    const schema = JSON.parse(experimentJsonSchemaText()) as Record<string, unknown>;
    assert.equal(schema.allowComments, true);
    assert.equal(schema.allowTrailingCommas, true);
    assert.deepEqual(schema.required, ['kind']);
    const teacherStudent = (schema.definitions as Record<string, { required?: string[]; properties: Record<string, unknown> }>)['teacher-student'];
    assert.deepEqual(teacherStudent.required, ['kind']);
    const sections = teacherStudent.properties as Record<string, { required?: string[]; description?: string }>;
    for (const section of ['teacher', 'student', 'training', 'evaluation']) {
      assert.equal(sections[section].required, undefined, `${section} must have no required fields`);
      assert.ok(sections[section].description, `${section} needs a description for hover docs`);
    }
  });

  it('is a union on kind: each registered kind applies its own schema through if/then', () => {
    const schema = JSON.parse(experimentJsonSchemaText()) as {
      properties: { kind: { enum: string[] } };
      allOf: Array<{ if: { properties: { kind: { const: string } } }; then: { $ref: string } }>;
      definitions: Record<string, unknown>;
    };
    assert.deepEqual(schema.properties.kind.enum, ['teacher-student', 'lottery-ticket']);
    assert.deepEqual(
      schema.allOf.map((branch) => [branch.if.properties.kind.const, branch.then.$ref]),
      [
        ['teacher-student', '#/definitions/teacher-student'],
        ['lottery-ticket', '#/definitions/lottery-ticket'],
      ],
    );
    assert.deepEqual(Object.keys(schema.definitions).sort(), ['lottery-ticket', 'teacher-student']);
  });
});

describe('schemas/lth.editor.schema.json (what VS Code\'s JSON editor gets)', () => {
  const editorPath = join(__dirname, '..', '..', '..', 'schemas', 'lth.editor.schema.json');
  const editor = () => JSON.parse(readFileSync(editorPath, 'utf8')) as Record<string, unknown>;
  const nodes = (value: unknown, insideIf = false): Record<string, unknown>[] => {
    if (Array.isArray(value)) return value.flatMap((item) => nodes(item, insideIf));
    if (value === null || typeof value !== 'object') return [];
    const node = value as Record<string, unknown>;
    return [...(insideIf ? [] : [node]), ...Object.entries(node).flatMap(([key, child]) => nodes(child, insideIf || key === 'if'))];
  };

  it('is the published schema without its constraints (regenerate: node --import tsx scripts/generate-schema.ts)', () => {
    assert.equal(readFileSync(editorPath, 'utf8'), editorJsonSchemaText(experimentJsonSchemaText()));
  });

  it('constrains nothing, so that every mistake is reported once, by LTH Lab', () => {
    const constraints = ['type', 'required', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum', 'const', 'minItems', 'uniqueItems', 'minLength', 'oneOf'];
    for (const node of nodes(editor())) {
      for (const keyword of constraints) assert.ok(!(keyword in node), `"${keyword}" outside a condition: ${JSON.stringify(node).slice(0, 120)}`);
      assert.notEqual(node.additionalProperties, false);
    }
  });

  it('keeps the documentation: descriptions, defaults, and the allowed options as completions', () => {
    const teacherStudent = (editor().definitions as Record<string, { properties: Record<string, { description?: string; properties?: Record<string, { default?: unknown; anyOf?: { examples?: unknown[] }[]; examples?: unknown[] }> }> }>)['teacher-student'];
    const training = teacherStudent.properties.training;
    assert.ok(training.description);
    assert.equal(training.properties?.maxIterations.default, 1000);
    const init = training.properties?.init;
    const options = [...(init?.examples ?? []), ...(init?.anyOf ?? []).flatMap((leaf) => leaf.examples ?? [])];
    assert.deepEqual(options.sort(), ['near', 'random', 'tensor']);
  });
});
