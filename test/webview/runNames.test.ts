// How runs shown together are named, without a browser: the user's label first, else what tells
// the run apart from the others (swept values from runsGrid, then other settings that differ).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelStore } from '../../webview-ui/src/panelStore';
import { runNames } from '../../webview-ui/src/runNames';
import { fixtureRun, fixtureRunDirs, snapshotMessage } from './panelPage';

const run = fixtureRun(fixtureRunDirs('panel-noise')[0]);
const resolved = run.manifest.resolved as unknown as Record<string, unknown>;

test('a label names its run; unlabelled runs are named by the settings that differ', () => {
  const faster = { ...run, runId: 'panel-noise/faster', manifest: { ...run.manifest, resolved: { ...run.manifest.resolved, stepSize: 5 } as typeof run.manifest.resolved } };
  const labelled = { ...run, runId: 'panel-noise/labelled', label: 'reference' };
  const store = new PanelStore();
  store.apply(snapshotMessage('panel-noise', [run, faster, labelled]));
  const gridLabels = new Map(store.runs.map((view) => [view.runId, view.runId.split('/')[1]]));
  const names = runNames(store.runs, gridLabels);
  assert.equal(names.get('panel-noise/labelled'), 'reference');
  assert.equal(names.get('panel-noise/faster'), 'faster, stepSize 5');
  assert.equal(names.get(run.runId), `${run.runId.split('/')[1]}, stepSize ${resolved.stepSize}`);
  // One run alone needs no comparison: its grid label (or its label).
  assert.deepEqual([...runNames(store.runs.slice(0, 1), gridLabels).values()], [run.runId.split('/')[1]]);
});
