import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { readSettings } from '../../../src/extension/settings';

/** A configuration with the given values set; unset ones fall back to the caller's default. */
function configuration(values: Record<string, unknown>) {
  return { get: <T>(key: string, fallback?: T) => (key in values ? values[key] : fallback) as T };
}

test('defaults: all cores, .lth/runs under the base folder, 500 ms', () => {
  const settings = readSettings(configuration({}), '/work/project');
  assert.deepEqual(settings, { workers: undefined, runsRoot: resolve('/work/project', '.lth/runs'), liveUpdateIntervalMs: 500 });
});

test('an absolute runs folder is used as is; workers pass through', () => {
  const settings = readSettings(configuration({ runsFolder: '/data/runs', workers: 2 }), '/work/project');
  assert.equal(settings.runsRoot, '/data/runs');
  assert.equal(settings.workers, 2);
});

test('bad values name the setting, the value and what was expected', () => {
  assert.throws(() => readSettings(configuration({ workers: -1 }), '/p'), /lthLab\.workers: expected a whole number >= 0 \(0 = all cores\), got -1/);
  assert.throws(() => readSettings(configuration({ workers: 1.5 }), '/p'), /lthLab\.workers.*got 1\.5/);
  assert.throws(() => readSettings(configuration({ runsFolder: '  ' }), '/p'), /lthLab\.runsFolder: expected a folder path/);
  assert.throws(() => readSettings(configuration({ liveUpdateIntervalMs: 'fast' }), '/p'), /lthLab\.liveUpdateIntervalMs: .*got "fast"/);
});
