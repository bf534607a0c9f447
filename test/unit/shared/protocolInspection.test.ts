// The messages of the panel's trial view and run labels, checked at the boundary like the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHostToPanelMessage, checkInspectorMessage, checkPanelToHostMessage } from '../../../src/shared/protocolGuards';

const weights = { rows: 1, columns: 2, matrices: [{ label: 'Teacher W*', values: [0.5, 0] }], kept: [1, 0], relativeError: 1e-9 };

test('well-formed trial-view and label messages pass as they are', () => {
  for (const message of [
    { type: 'inspect-trial', requestId: 'inspect-1', runId: 'x/2025', cell: 'samples=10', trial: 2 },
    { type: 'cancel-inspection', requestId: 'inspect-1' },
    { type: 'label-run', runId: 'x/2025', label: '' },
  ]) {
    const checked = checkPanelToHostMessage(message);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.deepEqual(checked.value, message);
  }
  for (const message of [
    { type: 'trial-weights', requestId: 'inspect-1', weights },
    { type: 'trial-weights-failed', requestId: 'inspect-1', message: 'cancelled' },
  ]) {
    assert.ok(checkHostToPanelMessage(message).ok);
  }
  assert.ok(checkInspectorMessage({ type: 'weights', weights }).ok);
  assert.ok(checkInspectorMessage({ type: 'failed', message: 'no such trial' }).ok);
});

test('malformed ones are refused with the field named', () => {
  const fractional = checkPanelToHostMessage({ type: 'inspect-trial', requestId: 'a', runId: 'r', cell: 'c', trial: 1.5 });
  assert.ok(!fractional.ok && /trial/.test(fractional.problem), JSON.stringify(fractional));
  const long = checkPanelToHostMessage({ type: 'label-run', runId: 'r', label: 'x'.repeat(81) });
  assert.ok(!long.ok && /label/.test(long.problem), JSON.stringify(long));
  const noKept = checkHostToPanelMessage({ type: 'trial-weights', requestId: 'a', weights: { ...weights, kept: undefined } });
  assert.ok(!noKept.ok && /kept/.test(noKept.problem), JSON.stringify(noKept));
  const unknown = checkInspectorMessage({ type: 'progress' });
  assert.ok(!unknown.ok);
});
