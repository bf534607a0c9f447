// Orchestration of runExperiment with a fake trial worker (instant, seed-determined metrics);
// runTrialWorkers.test.ts runs the real training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunSetupError, runExperiment, type RunOptions } from '../../../src/core/execution/runExperiment';
import { readManifest, writeManifest } from '../../../src/core/runs/manifestFile';
import { readTrialLog } from '../../../src/core/runs/trialLog';
import { trialKey } from '../../../src/shared/trialRecord';
import { TRIALS_FILE } from '../../../src/core/runs/runFolder';
import { LOCK_FILE, lockRunFolder } from '../../../src/core/runs/runLock';
import { loadExperimentFile } from '../../../src/core/config/loadExperimentFile';
import { axisNames } from '../../../src/core/families/experimentFamily';
import { familyOf } from '../../../src/core/families/registry';
import { listTrialJobs } from '../../../src/core/sweep/trialJobs';
import type { RunEvent } from '../../../src/shared/protocol';
import { temporaryDir, writeTinyExperiment } from './fixtures/tinyExperiment';

const fakeWorker = join(__dirname, 'fixtures', 'fakeTrialWorker.ts');

function options(configPath: string, extra: Partial<RunOptions> = {}): RunOptions {
  return { configPath, outDir: join(temporaryDir(), 'runs'), workers: 2, workerScript: fakeWorker, ...extra };
}

test('every trial is on disk before it is reported, and the manifest ends completed', async () => {
  const configPath = writeTinyExperiment(temporaryDir());
  const events: RunEvent[] = [];
  let runDir = '';
  const outcome = await runExperiment(options(configPath), (event) => {
    events.push(event);
    if (event.type === 'run-started') runDir = event.runDir;
    if (event.type === 'trial-completed') {
      const onDisk = readTrialLog(runDir).records.map(trialKey);
      assert.ok(onDisk.includes(trialKey(event.record)), 'the reported record is already in trials.jsonl');
    }
  });
  assert.equal(outcome.status, 'completed');
  assert.equal(outcome.workers, 2);
  assert.deepEqual(events.map((event) => event.type).filter((type) => type !== 'log'), ['run-started', ...Array(8).fill('trial-completed'), 'run-finished']);
  assert.deepEqual(events.filter((event) => event.type === 'trial-completed').map((event) => event.completedTrials), [1, 2, 3, 4, 5, 6, 7, 8]);

  const manifest = readManifest(outcome.runDir);
  assert.equal(manifest.status, 'completed');
  assert.equal(manifest.totalTrials, 8);
  assert.equal(manifest.experiment, 'tiny');
  assert.ok(manifest.endedAt && manifest.endedAt >= manifest.startedAt);
  assert.match(outcome.runDir, /runs[/\\]tiny[/\\]\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);

  // Each record carries its cell, pruning ratio and the job's seed.
  const parsed = await loadExperimentFile(configPath);
  assert.ok(parsed.ok);
  const jobs = new Map(listTrialJobs(axisNames(familyOf(parsed.experiment.kind)), parsed.experiment).map((job) => [trialKey({ cell: job.cellKey, trial: job.trial }), job]));
  const { records } = readTrialLog(outcome.runDir);
  assert.equal(records.length, 8);
  for (const record of records) {
    const job = jobs.get(trialKey(record));
    assert.ok(job, `record ${trialKey(record)} belongs to the sweep`);
    assert.equal(record.seed, job.seed);
    assert.equal(record.samples, job.cell.samples);
    assert.equal(record.pruningRatio, 1 - job.cell.nonzerosPerNeuron / 10);
    assert.equal(record.relativeError, (job.seed % 997) / 1e6, 'metrics are those the worker measured for this seed');
  }
});

test('a cancelled run resumes: nothing on disk is recomputed and the union is complete', async () => {
  const configPath = writeTinyExperiment(temporaryDir(), { training: { init: 'near', maxIterations: 30 } });
  const abort = new AbortController();
  const first = await runExperiment(options(configPath, { workers: 1 }), (event) => {
    if (event.type === 'trial-completed' && event.completedTrials === 3) abort.abort();
  }, abort.signal);
  assert.equal(first.status, 'cancelled');
  assert.equal(readManifest(first.runDir).status, 'cancelled');
  const before = readFileSync(join(first.runDir, TRIALS_FILE));
  const linesBefore = readTrialLog(first.runDir).records.length;
  assert.ok(linesBefore >= 3 && linesBefore < 8);

  const recomputed: string[] = [];
  const second = await runExperiment(options(configPath, { resumeDir: first.runDir }), (event) => {
    if (event.type === 'run-started') assert.equal(event.completedTrials, linesBefore);
    if (event.type === 'trial-completed') recomputed.push(trialKey(event.record));
  });
  assert.equal(second.status, 'completed');
  assert.equal(second.runDir, first.runDir);
  const after = readFileSync(join(first.runDir, TRIALS_FILE));
  assert.deepEqual(after.subarray(0, before.length), before, 'the lines written before are untouched');
  const keys = readTrialLog(first.runDir).records.map(trialKey);
  assert.equal(keys.length, 8);
  assert.equal(new Set(keys).size, 8, 'no trial twice');
  assert.equal(recomputed.length, 8 - linesBefore);
  assert.ok(recomputed.every((key) => keys.indexOf(key) >= linesBefore), 'only the missing trials ran');
  assert.equal(readManifest(first.runDir).resumedAt?.length, 1);
});

test('an --out that is a run folder resumes it; a finished one has nothing left to run', async () => {
  const configPath = writeTinyExperiment(temporaryDir());
  const first = await runExperiment(options(configPath), () => {});
  const manifest = readFileSync(join(first.runDir, 'manifest.json'));
  const again = await runExperiment(options(configPath, { outDir: first.runDir }), () => {});
  assert.deepEqual({ ...again, runDir: first.runDir }, { status: 'completed', runDir: first.runDir, completedTrials: 8, totalTrials: 8, workers: 0, alreadyCompleted: true });
  assert.equal(readTrialLog(first.runDir).records.length, 8);
  assert.deepEqual(readFileSync(join(first.runDir, 'manifest.json')), manifest, 'a completed folder is not rewritten');
});

test('a folder another run is writing is refused before anything runs; a run leaves no lock behind', async () => {
  const configPath = writeTinyExperiment(temporaryDir());
  const abort = new AbortController();
  const first = await runExperiment(options(configPath, { workers: 1 }), (event) => {
    if (event.type === 'trial-completed' && event.completedTrials === 2) abort.abort();
  }, abort.signal);
  assert.equal(existsSync(join(first.runDir, LOCK_FILE)), false, 'released when the run ended');
  const onDisk = readFileSync(join(first.runDir, TRIALS_FILE));

  const otherWriter = lockRunFolder(first.runDir); // another run, in this process, holding the folder
  await assert.rejects(runExperiment(options(configPath, { resumeDir: first.runDir }), () => assert.fail('nothing may run')), (error: Error) =>
    error instanceof RunSetupError && new RegExp(`is being written by another run \\(process ${process.pid}`).test(error.message),
  );
  assert.deepEqual(readFileSync(join(first.runDir, TRIALS_FILE)), onDisk);
  otherWriter.release();
  assert.equal((await runExperiment(options(configPath, { resumeDir: first.runDir }), () => {})).status, 'completed');
});

test('resuming with a different config or shard is refused before anything runs', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir);
  const first = await runExperiment(options(configPath), () => {});
  writeTinyExperiment(dir, { samples: [30, 90] });
  await assert.rejects(runExperiment(options(configPath, { resumeDir: first.runDir }), () => {}), (error: Error) =>
    error instanceof RunSetupError && /folder was run with a different config/.test(error.message),
  );
  writeTinyExperiment(dir);
  await assert.rejects(runExperiment(options(configPath, { resumeDir: first.runDir, shard: { index: 1, count: 2 } }), () => {}), /run as the whole sweep \(no shard\), not shard 1\/2/);
  await assert.rejects(runExperiment(options(configPath, { resumeDir: dir }), () => {}), /cannot resume .* is not a run folder/);
  assert.equal(readTrialLog(first.runDir).records.length, 8);
});

test('an invalid experiment file is refused with FILE:LINE:COL problems', async () => {
  const dir = temporaryDir();
  const configPath = join(dir, 'bad.lth.json');
  writeFileSync(configPath, '{\n  "kind": "teacher-student",\n  "trials": 0\n}\n');
  await assert.rejects(runExperiment(options(configPath), () => {}), (error: Error) =>
    error instanceof RunSetupError && error.message.includes(`${configPath}:3:`) && error.message.includes('trials'),
  );
  await assert.rejects(runExperiment(options(join(dir, 'missing.lth.json')), () => {}), /cannot read .*missing\.lth\.json/);
  await assert.rejects(runExperiment(options(configPath, { workers: 0 }), () => {}), /workers is 0, expected an integer >= 1/);
});

test('a trial that throws is recorded as failed with its reason, counted as done, and not run again', async () => {
  const configPath = writeTinyExperiment(temporaryDir(), { teacher: { inputDim: 10, hiddenUnits: 2, nonzerosPerNeuron: 2, noiseStd: [0, 0.13] }, samples: 30, trials: 1 });
  const events: RunEvent[] = [];
  const outcome = await runExperiment(options(configPath, { workers: 1 }), (event) => events.push(event));
  assert.equal(outcome.status, 'completed');
  assert.equal(outcome.completedTrials, 2);
  assert.equal(readManifest(outcome.runDir).status, 'completed');
  const records = readTrialLog(outcome.runDir).records;
  assert.deepEqual(records.map((record) => [record.noiseStd, record.failed]).sort(), [[0, undefined], [0.13, 'deliberate failure for noiseStd 0.13']]);
  const reported = events.flatMap((event) => (event.type === 'trial-completed' ? [event.record] : []));
  assert.deepEqual(reported.map((record) => record.failed).sort(), ['deliberate failure for noiseStd 0.13', undefined]);
  assert.ok(events.some((event) => event.type === 'log' && event.level === 'warn' && /1 trial failed/.test(event.message)), 'the run says a trial failed');

  // As if the run had been stopped after its last trial: resuming finds nothing left to run.
  writeManifest(outcome.runDir, { ...readManifest(outcome.runDir), status: 'cancelled' });
  const again = await runExperiment(options(configPath, { resumeDir: outcome.runDir }), () => {});
  assert.deepEqual([again.status, again.workers, again.completedTrials], ['completed', 0, 2], 'the failed trial is done: nothing is left to run');
  assert.equal(readTrialLog(outcome.runDir).records.length, 2);
});

test('a worker that dies fails the run', async () => {
  const configPath = writeTinyExperiment(temporaryDir(), { teacher: { inputDim: 10, hiddenUnits: 2, nonzerosPerNeuron: 2, noiseStd: 0.14 }, samples: 30, trials: 1 });
  const outcome = await runExperiment(options(configPath), () => {});
  assert.equal(outcome.status, 'failed');
  assert.match(outcome.message ?? '', /worker 1 exited unexpectedly with code 7/);
});

test('cancelling stops a trial in flight and ends the run as cancelled', async () => {
  // Each fake trial takes 60 s: the run can only end now if the workers are terminated.
  const configPath = writeTinyExperiment(temporaryDir(), { training: { init: 'near', maxIterations: 60000 } });
  const abort = new AbortController();
  const outcome = await runExperiment(options(configPath), (event) => {
    if (event.type === 'run-started') setTimeout(() => abort.abort(), 100);
  }, abort.signal);
  assert.equal(outcome.status, 'cancelled');
  assert.equal(outcome.completedTrials, 0);
  assert.equal(readManifest(outcome.runDir).status, 'cancelled');
});
