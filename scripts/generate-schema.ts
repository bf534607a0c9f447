// Writes schemas/lth.schema.json from the registered families' schemas (src/core/families/*/schema.ts),
// and schemas/lth.editor.schema.json (its documentation without its constraints) for VS Code.
// Run: node --import tsx scripts/generate-schema.ts   (test/unit/config checks the file is fresh)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorJsonSchemaText } from '../src/core/config/editorJsonSchema';
import { experimentJsonSchemaText } from '../src/core/config/experimentJsonSchema';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'lth.schema.json');
mkdirSync(dirname(target), { recursive: true });
const published = experimentJsonSchemaText();
writeFileSync(target, published);
console.log(`wrote ${target}`);
const editorTarget = join(dirname(target), 'lth.editor.schema.json');
writeFileSync(editorTarget, editorJsonSchemaText(published));
console.log(`wrote ${editorTarget}`);
