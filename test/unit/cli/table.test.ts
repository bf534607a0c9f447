import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTable } from '../../../src/cli/table';

test('formatTable: right-aligned columns under a spanning group header', () => {
  const text = formatTable(['N', 'mean', 'max'], [['30', '0.5', '1'], ['300', '0.25', '12']], [
    { title: '', span: 1 },
    { title: 'err', span: 2 },
  ]);
  const lines = text.trimEnd().split('\n');
  assert.deepEqual(lines, [
    '     -- err --', // spans 4 + 2 + 3 = 9 characters: 2 dashes, ' err ', 2 dashes
    '  N  mean  max',
    ' 30   0.5    1',
    '300  0.25   12',
  ]);
});

test('formatTable: rows and groups must match the headers', () => {
  assert.throws(() => formatTable(['a', 'b'], [['1']]), /row 0 has 1 cells, expected 2/);
  assert.throws(() => formatTable(['a', 'b'], [], [{ title: 'x', span: 1 }]), /groups span 1 columns, expected 2/);
});
