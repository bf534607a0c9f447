// Small pure pieces of the panel host: restored state, exported file bytes, experiment names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experimentNameOf } from '../../../src/extension/experimentName';
import { fileContents } from '../../../src/extension/panel/fileContents';
import { isResultsTarget, resultsTargetKey } from '../../../src/extension/panel/resultsTarget';

test('a restored panel state must name an experiment and a runs root', () => {
  assert.equal(isResultsTarget({ experimentName: 'phase', runsRoot: '/r' }), true);
  assert.equal(isResultsTarget({ experimentName: 'phase', runsRoot: '/r', experimentFile: 'file:///p.lth.json' }), true);
  for (const bad of [undefined, null, 'phase', { experimentName: '', runsRoot: '/r' }, { experimentName: 'phase' }, { experimentName: 'p', runsRoot: '/r', experimentFile: 3 }]) {
    assert.equal(isResultsTarget(bad), false, JSON.stringify(bad));
  }
});

test('targets with the same root and name share a key; a different root does not', () => {
  assert.equal(resultsTargetKey({ experimentName: 'p', runsRoot: '/r', experimentFile: 'x' }), resultsTargetKey({ experimentName: 'p', runsRoot: '/r' }));
  assert.notEqual(resultsTargetKey({ experimentName: 'p', runsRoot: '/r' }), resultsTargetKey({ experimentName: 'p', runsRoot: '/s' }));
});

test('PNG exports are decoded from base64 (with or without a data: prefix); CSV is text', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
  const request = { type: 'save-file' as const, suggestedName: 'chart.png', kind: 'png' as const, content: png.toString('base64') };
  assert.deepEqual(Buffer.from(fileContents(request)), png);
  assert.deepEqual(Buffer.from(fileContents({ ...request, content: `data:image/png;base64,${png.toString('base64')}` })), png);
  assert.throws(() => fileContents({ ...request, content: 'not base64!' }), /chart\.png" is not base64 data/);
  const csv = fileContents({ type: 'save-file', suggestedName: 'data.csv', kind: 'csv', content: 'r,N\n5,100\n' });
  assert.equal(Buffer.from(csv).toString('utf8'), 'r,N\n5,100\n');
});

test('the experiment name is the file\'s "name", read through comments, else the file name', () => {
  assert.equal(experimentNameOf('{ // a comment\n "name": "phase", }', '/w/x.lth.json'), 'phase');
  assert.equal(experimentNameOf('{ "kind": "teacher-student" }', '/w/convergence.lth.json'), 'convergence');
  assert.equal(experimentNameOf('{ "name": 3, broken', '/w/broken.lth.json'), 'broken');
});
