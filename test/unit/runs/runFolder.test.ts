import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunFolder, runFolderName } from '../../../src/core/runs/runFolder';
import { readManifest, writeManifest } from '../../../src/core/runs/manifestFile';
import { fakeManifest } from './fakeRunFolder';

const temporaryDir = () => mkdtempSync(join(tmpdir(), 'lth-run-folder-'));

test('run folder names are UTC timestamps without colons', () => {
  assert.equal(runFolderName(new Date(Date.UTC(2025, 2, 1, 12, 34, 56, 789))), '2025-03-01T12-34-56Z');
});

test('runs started in the same second get distinct folders under <root>/<experiment>/', () => {
  const root = temporaryDir();
  const startedAt = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
  const first = createRunFolder(root, 'phase', startedAt);
  const second = createRunFolder(root, 'phase', startedAt);
  assert.equal(first, join(root, 'phase', '2025-01-02T03-04-05Z'));
  assert.equal(second, join(root, 'phase', '2025-01-02T03-04-05Z-2'));
  assert.deepEqual(readdirSync(join(root, 'phase')).sort(), ['2025-01-02T03-04-05Z', '2025-01-02T03-04-05Z-2']);
});

test('an experiment name that is not a folder name is refused', () => {
  assert.throws(() => createRunFolder(temporaryDir(), '../escape', new Date()), /cannot be a folder name/);
});

test('the manifest round-trips and leaves no temporary file', () => {
  const dir = temporaryDir();
  const manifest = fakeManifest({ shard: { index: 1, count: 3 }, status: 'completed', endedAt: '2025-01-01T00:01:00.000Z' });
  writeManifest(dir, manifest);
  writeManifest(dir, { ...manifest, status: 'failed' });
  assert.deepEqual(readManifest(dir), { ...manifest, status: 'failed' });
  assert.deepEqual(readdirSync(dir), ['manifest.json']);
});

test('reading a manifest: missing, malformed and wrong-shaped are clear errors', () => {
  const dir = temporaryDir();
  assert.throws(() => readManifest(dir), /is not a run folder: it has no manifest\.json/);
  writeFileSync(join(dir, 'manifest.json'), '{"experiment": ');
  assert.throws(() => readManifest(dir), /manifest\.json: not valid JSON/);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...fakeManifest(), status: 'paused' }));
  assert.throws(() => readManifest(dir), /manifest.json.status: expected one of "running", "completed", "cancelled", "failed", got string "paused"/);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...fakeManifest(), configHash: 3 }));
  assert.throws(() => readManifest(dir), /manifest.json.configHash: expected a string, got number 3/);
  assert.ok(existsSync(join(dir, 'manifest.json')));
});
