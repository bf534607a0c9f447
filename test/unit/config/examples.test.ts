// Every shipped preset in examples/ must validate without errors.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatProblem, hasErrors } from '../../../src/core/config/experimentProblem';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';

const examplesFolder = join(__dirname, '..', '..', '..', 'examples');
const examples = existsSync(examplesFolder) ? readdirSync(examplesFolder).filter((name) => name.endsWith('.lth.json')) : [];

describe('examples/*.lth.json', () => {
  it('exist', { skip: examples.length === 0 ? 'no examples/ yet' : false }, () => assert.ok(examples.length > 0));
  for (const name of examples) {
    it(`${name} is valid`, () => {
      const result = parseExperimentText(readFileSync(join(examplesFolder, name), 'utf8'), name);
      assert.ok(!hasErrors(result.problems), result.problems.map((problem) => formatProblem(name, problem)).join('\n'));
    });
  }
});
