// The trial inspector as the extension runs it: the built child (dist/trialInspector.js, made by
// `npm run build`, which `npm test` runs first) re-runs one recorded trial of a run folder and
// answers with its weights; a cancel or a newer request ends the child; a failure says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRunFolder } from '../../../src/core/runs/runReader';
import { InspectionCancelled, TrialInspector } from '../../../src/extension/panel/trialInspector';

const INSPECTOR = join(__dirname, '..', '..', '..', 'dist', 'trialInspector.js');
const RUN_DIR = join(__dirname, '..', '..', 'fixtures', 'runs', 'panel-phase', '2026-11-25T00-51-42Z');
const built = existsSync(INSPECTOR);
const skip = built ? false : `${INSPECTOR} is not built: run npm run build first`;
if (!built) console.log(`# skipped: ${skip}`);

const { records, manifest } = readRunFolder(RUN_DIR);
const resolved = manifest.resolved as unknown as { inputDim: number; hiddenUnits: number };

test('re-runs a recorded trial in a child process: the same final error, K × d matrices, the mask', { skip }, async () => {
  const record = records.find((candidate) => candidate.nonzerosPerNeuron === 4 && candidate.trial === 2)!;
  const inspector = new TrialInspector(INSPECTOR);
  const weights = await inspector.inspect('a', { runDir: RUN_DIR, cell: record.cell, trial: record.trial });
  assert.equal(weights.relativeError, record.relativeError);
  assert.equal(weights.rows, resolved.hiddenUnits);
  assert.equal(weights.columns, resolved.inputDim);
  assert.deepEqual(weights.matrices.map((matrix) => [matrix.label, matrix.values.length]), [
    ['Teacher W*', resolved.hiddenUnits * resolved.inputDim],
    ['Student W (learned)', resolved.hiddenUnits * resolved.inputDim],
  ]);
  // The accurate mask keeps r entries per row: exactly where the teacher is non-zero.
  for (let row = 0; row < weights.rows; row++) {
    const kept = weights.kept.slice(row * weights.columns, (row + 1) * weights.columns);
    assert.equal(kept.filter((value) => value === 1).length, 4);
    const teacher = weights.matrices[0].values.slice(row * weights.columns, (row + 1) * weights.columns);
    assert.deepEqual(kept, teacher.map((value) => (value !== 0 ? 1 : 0)));
  }
  // The student is learned only on the mask: zero elsewhere.
  assert.ok(weights.matrices[1].values.every((value, index) => weights.kept[index] === 1 || value === 0));
  // Asked again: kept, no second re-run.
  assert.equal(await inspector.inspect('b', { runDir: RUN_DIR, cell: record.cell, trial: record.trial }), weights);
});

test('a cancel or a newer request ends the running child; a trial that is not there is a clear failure', { skip }, async () => {
  const inspector = new TrialInspector(INSPECTOR);
  const [first, second] = records;
  const cancelled = inspector.inspect('one', { runDir: RUN_DIR, cell: first.cell, trial: first.trial });
  inspector.cancel('one');
  await assert.rejects(cancelled, InspectionCancelled);
  const superseded = inspector.inspect('two', { runDir: RUN_DIR, cell: first.cell, trial: first.trial });
  const newer = inspector.inspect('three', { runDir: RUN_DIR, cell: second.cell, trial: second.trial });
  await assert.rejects(superseded, InspectionCancelled);
  assert.equal((await newer).relativeError, second.relativeError);
  await assert.rejects(inspector.inspect('four', { runDir: RUN_DIR, cell: 'samples=1', trial: 0 }), /has no record of trial 0 of cell samples=1/);
  inspector.dispose();
});
