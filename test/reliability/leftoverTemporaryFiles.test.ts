// A kill -9 between an atomic write and its rename leaves a hidden temp file (.NAME.PID.tmp).
// The next run of the same command, or lth repair, removes those whose writer is gone, says so,
// and keeps a temp file whose writer still runs (a report being written); nothing else changes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readManifest } from '../../src/core/runs/manifestFile';
import { MANIFEST_FILE, TRIALS_FILE } from '../../src/core/runs/runFolder';
import type { RunEvent } from '../../src/shared/protocol';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthInProcess } from './support';

/** The pid of a process that has ended. */
function goneProcessId(): number {
  const ended = spawnSync(process.execPath, ['-e', '']);
  assert.ok(ended.pid !== undefined && ended.status === 0);
  return ended.pid;
}

function runDirOf(events: RunEvent[]): string {
  const started = events.find((event) => event.type === 'run-started');
  assert.ok(started?.type === 'run-started');
  return started.runDir;
}

/** What a kill -9 between write and rename leaves: half a manifest, a copy of the trials, a lock being created; and a report still being written by a live process. */
function plantTemporaryFiles(runDir: string): { stale: string[]; live: string } {
  const gone = goneProcessId();
  const stale = [`.${MANIFEST_FILE}.${gone}.tmp`, `.${TRIALS_FILE}.${gone}.tmp`, `.run.lock.${gone}.tmp`, `.report.html.${gone}.tmp`];
  writeFileSync(join(runDir, stale[0]), '{ "experiment": "tin');
  writeFileSync(join(runDir, stale[1]), readFileSync(join(runDir, TRIALS_FILE)));
  writeFileSync(join(runDir, stale[2]), '{"pid":');
  writeFileSync(join(runDir, stale[3]), '<!DOCTYPE html>');
  const live = `.report.html.${process.pid}.tmp`; // this test process is its writer, and it runs
  writeFileSync(join(runDir, live), '<!DOCTYPE html>');
  return { stale, live };
}

test('the same command after a kill between write and rename removes the stale temp files and continues; nothing recomputed', async () => {
  const dir = temporaryDir('lth-temporary-');
  const command = ['run', writeTinyExperiment(dir), '--out', join(dir, 'runs'), '--workers', '1', '--events', 'json'];
  const first = await lthInProcess(command);
  const runDir = runDirOf(first.events);
  // As if killed just before the final manifest's rename: the folder still says running.
  const manifestPath = join(runDir, MANIFEST_FILE);
  writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace(/"status": "completed"/, '"status": "running"'));
  const trials = readFileSync(join(runDir, TRIALS_FILE));
  const { stale, live } = plantTemporaryFiles(runDir);

  const again = await lthInProcess(command);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(runDirOf(again.events), runDir, 'the same folder is continued');
  assert.equal(again.events.filter((event) => event.type === 'trial-completed').length, 0, 'nothing recomputed');
  const swept = again.events.find((event) => event.type === 'log' && event.message.startsWith('removed 4 temp files'));
  assert.ok(swept?.type === 'log', 'the run says what it removed');
  assertCleanMessage(swept.message, `left in ${runDir} by an interrupted write`, ...stale);
  assert.deepEqual(readdirSync(runDir).sort(), [live, MANIFEST_FILE, TRIALS_FILE].sort(), 'only the live writer\'s temp file is left');
  assert.deepEqual(readFileSync(join(runDir, TRIALS_FILE)), trials);
  assert.equal(readManifest(runDir).status, 'completed');
});

test('lth repair removes stale temp files too, and says so; a folder without any is left as it was', async () => {
  const dir = temporaryDir('lth-temporary-');
  const first = await lthInProcess(['run', writeTinyExperiment(dir), '--out', join(dir, 'runs'), '--events', 'json']);
  const runDir = runDirOf(first.events);
  const manifest = readFileSync(join(runDir, MANIFEST_FILE));
  const { stale, live } = plantTemporaryFiles(runDir);

  const repaired = await lthInProcess(['repair', runDir]);
  assert.equal(repaired.code, 0, repaired.stderr);
  assertCleanMessage(repaired.stdout, `removed 4 temp files left in ${runDir} by an interrupted write`, ...stale, `${runDir}: nothing to repair (8 trial records)`);
  assert.deepEqual(readdirSync(runDir).sort(), [live, MANIFEST_FILE, TRIALS_FILE].sort());
  assert.deepEqual(readFileSync(join(runDir, MANIFEST_FILE)), manifest, 'the manifest is untouched');

  const clean = await lthInProcess(['repair', runDir]);
  assert.equal(clean.stdout, `${runDir}: nothing to repair (8 trial records)\n`);
});
