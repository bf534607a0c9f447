import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkHostToPanelMessage,
  checkPanelToHostMessage,
  checkRunEvent,
  checkRunManifest,
  checkTrainerCommand,
  checkTrialRecord,
} from '../../../src/shared/protocolGuards';
import type { RunManifest } from '../../../src/shared/runManifest';
import { fakeManifest } from '../runs/fakeRunFolder';
import { fakeRecord } from '../analysis/fakeRecord';

const manifest: RunManifest = fakeManifest({ experiment: 'phase-transition' }, { kind: 'teacher-student', samples: [50, 100] });

function problemOf(result: { ok: boolean; problem?: string }): string {
  assert.equal(result.ok, false, 'expected the value to be rejected');
  return result.problem as string;
}

test('host-to-panel: every well-formed message passes and comes back as is', () => {
  const messages = [
    { type: 'snapshot', experiment: 'x', runs: [{ runId: 'r1', runDir: '/d', manifest, records: [fakeRecord({})] }], selectedRunIds: ['r1'] },
    { type: 'append', runId: 'r1', records: [fakeRecord({ convergenceRate: null, iterationsTo1e6: null })] },
    { type: 'run-status', runId: 'r1', status: 'completed', completedTrials: 4, totalTrials: 4 },
    { type: 'error', message: 'boom' },
    { type: 'theme-changed' },
    { type: 'export-request', kind: 'csv' },
  ];
  for (const message of messages) assert.deepEqual(checkHostToPanelMessage(message), { ok: true, value: message });
});

test('host-to-panel: a malformed message names where and what was expected', () => {
  assert.equal(problemOf(checkHostToPanelMessage(null)), 'message: expected an object, got null');
  assert.match(problemOf(checkHostToPanelMessage({ type: 'explode' })), /^message\.type: expected one of "snapshot", .*got string "explode"$/);
  const badRecord = { ...fakeRecord({}), generalizationError: 'x'.repeat(65) };
  assert.equal(
    problemOf(checkHostToPanelMessage({ type: 'append', runId: 'r1', records: [fakeRecord({}), badRecord] })),
    `append.records[1].generalizationError: expected a number, null, true/false, a label of at most 64 characters, an object or an array, got string "${'x'.repeat(40)}…"`,
  );
  assert.equal(
    problemOf(checkHostToPanelMessage({ type: 'snapshot', experiment: 'x', runs: [{ runId: 'r1', runDir: '/d', manifest: { ...manifest, status: 'lost' }, records: [] }], selectedRunIds: [] })),
    'snapshot.runs[0].manifest.status: expected one of "running", "completed", "cancelled", "failed", got string "lost"',
  );
  assert.equal(problemOf(checkHostToPanelMessage({ type: 'export-request', kind: 'svg' })), 'export-request.kind: expected one of "png", "csv", got string "svg"');
  assert.match(problemOf(checkHostToPanelMessage({ type: 'run-status', runId: 'r1', status: 'running', completedTrials: 1 })), /run-status\.totalTrials: expected a number, got undefined/);
});

test('panel-to-host: messages the panel sends are checked the same way', () => {
  for (const message of [
    { type: 'ready' },
    { type: 'select-runs', runIds: ['a', 'b'] },
    { type: 'save-file', suggestedName: 'chart.png', kind: 'png', content: 'iVBOR' },
    { type: 'open-run-folder', runId: 'a' },
    { type: 'log', level: 'warn', message: 'dropped' },
  ]) {
    assert.equal(checkPanelToHostMessage(message).ok, true, message.type);
  }
  assert.equal(problemOf(checkPanelToHostMessage({ type: 'save-file', suggestedName: 'x', kind: 'gif', content: '' })), 'save-file.kind: expected one of "png", "csv", got string "gif"');
  assert.equal(problemOf(checkPanelToHostMessage({ type: 'select-runs', runIds: ['a', 3] })), 'select-runs.runIds[1]: expected a string, got number 3');
});

test('run events, trainer commands, records and manifests', () => {
  assert.equal(checkRunEvent({ type: 'run-started', runDir: '/d', manifest, totalTrials: 4, completedTrials: 0 }).ok, true);
  assert.equal(checkRunEvent({ type: 'trial-completed', record: fakeRecord({}), completedTrials: 1, totalTrials: 4 }).ok, true);
  assert.equal(checkRunEvent({ type: 'run-finished', status: 'cancelled', completedTrials: 1, totalTrials: 4, seconds: 2 }).ok, true);
  assert.equal(problemOf(checkRunEvent({ type: 'run-finished', status: 'running', completedTrials: 1, totalTrials: 4, seconds: 2 })), 'run-finished.status: expected one of "completed", "cancelled", "failed", got string "running"');
  assert.equal(checkTrainerCommand({ type: 'cancel' }).ok, true);
  assert.equal(checkTrainerCommand({ type: 'run', launch: { configPath: '/a.lth.json', outDir: '/runs', workers: 2 } }).ok, true);
  assert.equal(problemOf(checkTrainerCommand({ type: 'run', launch: { configPath: '/a.lth.json', outDir: '/runs', workers: 0 } })), 'run.launch.workers: expected an integer, got number 0');
  assert.equal(problemOf(checkTrainerCommand({ type: 'stop' })), 'command.type: expected one of "cancel", "run", got string "stop"');
  // The shared guard checks what every family's record has; the metrics are the family's.
  const { seed: _dropped, ...withoutSeed } = fakeRecord({});
  assert.equal(problemOf(checkTrialRecord(withoutSeed, 'trials.jsonl:3')), 'trials.jsonl:3.seed: expected an integer, got undefined');
  assert.equal(problemOf(checkTrialRecord({ ...fakeRecord({}), cell: 7 }, 'trials.jsonl:3')), 'trials.jsonl:3.cell: expected a string, got number 7');
  assert.equal(problemOf(checkRunManifest({ ...manifest, shard: { index: 0 } })), 'manifest.shard.count: expected an integer, got undefined');
  assert.equal(checkRunManifest({ ...manifest, extraFieldFromANewerVersion: true }).ok, true, 'extra fields are allowed');
  assert.equal(checkRunManifest({ ...manifest, resumedAt: ['2025-01-02T00:00:00.000Z'] }).ok, true);
  assert.equal(problemOf(checkRunManifest({ ...manifest, resumedAt: '2025-01-02' })), 'manifest.resumedAt: expected an array, got string "2025-01-02"');
});
