// Writes schemas/lth.schema.json from the registered families' schemas (src/core/families/*/schema.ts).
// Run: node --import tsx scripts/generate-schema.ts   (test/unit/config checks the file is fresh)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimentJsonSchemaText } from '../src/core/config/experimentJsonSchema';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'lth.schema.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, experimentJsonSchemaText());
console.log(`wrote ${target}`);
