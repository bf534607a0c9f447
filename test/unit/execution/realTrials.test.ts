// runExperiment with the real trial worker (src/core/execution/trialWorker.ts -> runTrial) on
// tiny specs: results depend only on (experiment seed, cell, trial), never on the worker
// count, the order trials finish in, or the shard that ran them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runExperiment, type RunOptions } from '../../../src/core/execution/runExperiment';
import { loadExperimentFile } from '../../../src/core/config/loadExperimentFile';
import { mergeRunFolders } from '../../../src/core/runs/runReader';
import { trialKey } from '../../../src/shared/trialRecord';
import { readTrialLog } from '../../../src/core/runs/trialLog';
import { trialSeed } from '../../../src/core/sweep/trialSeed';
import { trialSpec } from '../../../src/core/families/teacher-student/trialSpec';
import { runTrial } from '../../../src/core/families/teacher-student/training/runTrial';
import type { Experiment, SweepCell, TrialRecord } from '../../../src/core/families/teacher-student/types';
import { temporaryDir, writeTinyExperiment } from './fixtures/tinyExperiment';

/** Records keyed by (cell, trial), without the one field that may differ: wall time. */
function comparable(records: TrialRecord[]): Map<string, Omit<TrialRecord, 'seconds'>> {
  return new Map(records.map(({ seconds: _seconds, ...rest }) => [trialKey(rest), rest]));
}

async function run(configPath: string, extra: Partial<RunOptions>): Promise<TrialRecord[]> {
  const outcome = await runExperiment({ configPath, outDir: join(temporaryDir(), 'runs'), ...extra }, () => {});
  assert.equal(outcome.status, 'completed', outcome.message);
  return readTrialLog(outcome.runDir).records as TrialRecord[];
}

const configPath = writeTinyExperiment(temporaryDir());
// Worker start-up under tsx dominates these tests, so the two-worker run serves both tests.
const twoWorkerRun = run(configPath, { workers: 2 });

test('1 and 2 workers give identical records, equal to training in this thread with the derived seed', async () => {
  const single = await run(configPath, { workers: 1 });
  const double = await twoWorkerRun;
  assert.equal(single.length, 8);
  assert.deepEqual(comparable(double), comparable(single));
  assert.ok(single.some((record) => record.relativeError !== single[0].relativeError), 'trials differ from each other');

  const parsed = await loadExperimentFile(configPath);
  assert.ok(parsed.ok);
  const record = double[double.length - 1];
  const cell: SweepCell = { ...record };
  assert.equal(record.seed, trialSeed(parsed.experiment.seed, record.cell, record.trial));
  const { seconds: _seconds, ...direct } = runTrial(trialSpec(parsed.experiment as Experiment, cell, record.trial));
  const { seconds: _recordSeconds, ...fromWorker } = record;
  assert.deepEqual({ ...fromWorker, ...direct }, fromWorker, 'the worker measured what this thread measures');
});

test('the union of the shards equals the unsharded run', async () => {
  const whole = await twoWorkerRun;
  const first = await runExperiment({ configPath, outDir: join(temporaryDir(), 'runs'), workers: 1, shard: { index: 1, count: 2 } }, () => {});
  const second = await runExperiment({ configPath, outDir: join(temporaryDir(), 'runs'), workers: 1, shard: { index: 2, count: 2 } }, () => {});
  assert.ok(first.totalTrials > 0 && second.totalTrials > 0 && first.totalTrials + second.totalTrials === 8);
  const merged = mergeRunFolders([first.runDir, second.runDir]);
  assert.equal(merged.duplicates, 0);
  assert.deepEqual(comparable(merged.records as TrialRecord[]), comparable(whole));
});
