// squeue's answers as slurmJobState reads them, through a stand-in squeue script that prints what
// a real one prints for a job in each situation (the real one is exercised in test/cluster).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { currentSlurmJob, slurmJobState } from '../../../src/core/cluster/slurmJobState';
import { fakeSqueue } from './fakeSqueue';

test('the job of an array task is "<array>_<task>", of another job its id; none outside Slurm', () => {
  assert.equal(currentSlurmJob({ SLURM_JOB_ID: '131', SLURM_ARRAY_JOB_ID: '128', SLURM_ARRAY_TASK_ID: '3' }), '128_3');
  assert.equal(currentSlurmJob({ SLURM_JOB_ID: '131' }), '131');
  assert.equal(currentSlurmJob({}), undefined);
});

test('a job squeue lists as running, pending or completing may still write', () => {
  for (const state of ['RUNNING', 'PENDING', 'COMPLETING', 'SUSPENDED']) {
    assert.deepEqual(slurmJobState('128_3', fakeSqueue(`${state}\n`).path), { ended: false, state });
  }
});

test('a cancelled, timed-out or failed job, or one Slurm has purged, has ended', () => {
  const cancelled = fakeSqueue('CANCELLED\n');
  assert.deepEqual(slurmJobState('128_3', cancelled.path), { ended: true, state: 'CANCELLED' });
  assert.match(readFileSync(cancelled.argumentsFile, 'utf8'), /--states=all --jobs=128_3/);
  assert.deepEqual(slurmJobState('128', fakeSqueue('TIMEOUT\n').path), { ended: true, state: 'TIMEOUT' });
  assert.deepEqual(slurmJobState('128', fakeSqueue('NODE_FAIL\n').path), { ended: true, state: 'NODE_FAIL' });
  assert.deepEqual(slurmJobState('128', fakeSqueue('', 'slurm_load_jobs error: Invalid job id specified\n', 1).path), { ended: true, state: 'no longer known to Slurm' });
  assert.deepEqual(slurmJobState('128', fakeSqueue('').path), { ended: true, state: 'no longer known to Slurm' });
});

test('when squeue cannot be asked, nothing is known, and it says why', () => {
  const missing = slurmJobState('128', join(tmpdir(), 'no-such-dir', 'squeue'));
  assert.equal(missing.ended, false);
  assert.match(!missing.ended ? (missing.unknown ?? '') : '', /could not be run \(ENOENT\)/);
  const down = slurmJobState('128', fakeSqueue('', 'slurm_load_jobs error: Unable to contact slurm controller\n', 1).path);
  assert.equal(down.ended, false);
  assert.match(!down.ended ? (down.unknown ?? '') : '', /Unable to contact slurm controller/);
  const notAnId = slurmJobState('128; rm -rf /', fakeSqueue('CANCELLED\n').path);
  assert.equal(notAnId.ended, false, 'a lock naming something else is never passed to squeue');
});
