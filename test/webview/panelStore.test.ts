// The panel's state logic, without a browser: what messages do to the store, and how a
// stored webview state from another version is read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelStore } from '../../webview-ui/src/panelStore';
import { DEFAULT_SETTINGS, readSettings } from '../../webview-ui/src/panelSettings';
import { fixtureRun, fixtureRunDirs, snapshotMessage } from './panelPage';

const run = fixtureRun(fixtureRunDirs('panel-noise')[0]);

test('store: a snapshot replaces everything; appends add each (cell, trial) once; status follows run-status', () => {
  const store = new PanelStore();
  assert.equal(store.loaded, false);
  assert.equal(store.apply(snapshotMessage('panel-noise', [{ ...run, records: run.records.slice(0, 3) }])), 'snapshot');
  assert.equal(store.loaded, true);
  assert.equal(store.runs[0].records.length, 3);
  assert.equal(store.runs[0].status, run.manifest.status, 'the manifest status until the host says otherwise');

  assert.equal(store.apply({ type: 'append', runId: run.runId, records: run.records.slice(1, 5) }), 'records');
  assert.equal(store.runs[0].records.length, 5, 'records 1 and 2 were already there');
  assert.equal(store.apply({ type: 'append', runId: run.runId, records: run.records.slice(0, 5) }), 'nothing', 'a resend changes nothing');

  assert.equal(store.apply({ type: 'run-status', runId: run.runId, status: 'running', completedTrials: 5, totalTrials: 12 }), 'status');
  assert.deepEqual([store.runs[0].status, store.runs[0].completedTrials, store.runs[0].totalTrials], ['running', 5, 12]);
  assert.throws(() => store.apply({ type: 'append', runId: 'elsewhere', records: [] }), /append: unknown run "elsewhere"/);

  assert.equal(store.apply({ type: 'error', message: 'disk full' }), 'error');
  assert.equal(store.error, 'disk full');
  store.apply(snapshotMessage('panel-noise', [run]));
  assert.equal(store.error, null, 'a fresh snapshot clears the error');
  assert.equal(store.runs[0].records.length, run.records.length);
});

test('settings: a stored state is read field by field; unknown or mistyped fields fall back to defaults', () => {
  assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings('garbage'), DEFAULT_SETTINGS);
  const settings = readSettings({
    metric: 'successRate',
    band: 'sideways',
    layout: 'side-by-side',
    selectedRunIds: ['a', 7, 'b'],
    curveSamples: '64',
    scales: { 'metric:samples': { logX: true, logY: false }, broken: { logX: 'yes' } },
  });
  assert.equal(settings.metric, 'successRate');
  assert.equal(settings.band, DEFAULT_SETTINGS.band);
  assert.equal(settings.layout, 'side-by-side');
  assert.deepEqual(settings.selectedRunIds, ['a', 'b']);
  assert.equal(settings.curveSamples, null);
  assert.deepEqual(settings.scales, { 'metric:samples': { logX: true, logY: false } });
});
