import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runIdOf } from '../../../src/core/runs/runId';

test('runIdOf gives "<experiment>/<folder>" for absolute and relative run folders alike', () => {
  assert.equal(runIdOf('/work/.lth/runs/phase/2025-01-01T00-00-00Z'), 'phase/2025-01-01T00-00-00Z');
  assert.equal(runIdOf(join('runs', 'noise', '2025-02-01T00-00-00Z')), 'noise/2025-02-01T00-00-00Z');
  assert.equal(runIdOf(resolve('2025-02-01T00-00-00Z')), `${resolve('.').split(/[\\/]/).pop()}/2025-02-01T00-00-00Z`);
});
