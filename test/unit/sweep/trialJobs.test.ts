import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellKey, expandCells } from '../../../src/core/sweep/sweepCells';
import { listTrialJobs, parseShard, shardTrials, type TrialJob } from '../../../src/core/sweep/trialJobs';
import { trialSeed } from '../../../src/core/sweep/trialSeed';
import { SWEEP_AXES } from '../../../src/core/families/teacher-student/types';
import { sweepExperiment } from './experimentFixture';

const jobId = (job: TrialJob) => `${job.cellKey}#${job.trial}`;

describe('trialSeed', () => {
  it('is a uint32 that depends on the experiment seed, the cell and the trial', () => {
    const seed = trialSeed(7, 'samples=40', 0);
    assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff);
    assert.equal(trialSeed(7, 'samples=40', 0), seed);
    assert.notEqual(trialSeed(8, 'samples=40', 0), seed);
    assert.notEqual(trialSeed(7, 'samples=80', 0), seed);
    assert.notEqual(trialSeed(7, 'samples=40', 1), seed);
  });

  it('rejects a seed that is not a uint32 and a negative trial', () => {
    assert.throws(() => trialSeed(-1, 'k', 0), /not a uint32/);
    assert.throws(() => trialSeed(2 ** 32, 'k', 0), /not a uint32/);
    assert.throws(() => trialSeed(1, 'k', -1), /trial index/);
  });
});

describe('listTrialJobs', () => {
  it('lists cells × trials jobs, trial-major, with distinct seeds', () => {
    const experiment = sweepExperiment();
    const cells = expandCells(SWEEP_AXES, experiment);
    const jobs = listTrialJobs(SWEEP_AXES, experiment);
    assert.equal(jobs.length, cells.length * experiment.trials);
    assert.deepEqual(jobs.slice(0, cells.length).map((job) => job.trial), cells.map(() => 0));
    assert.deepEqual(jobs.slice(0, cells.length).map((job) => job.cellKey), cells.map((cell) => cellKey(SWEEP_AXES, cell)));
    assert.equal(new Set(jobs.map(jobId)).size, jobs.length);
    assert.equal(new Set(jobs.map((job) => job.seed)).size, jobs.length);
    for (const job of jobs) assert.equal(job.seed, trialSeed(experiment.seed, job.cellKey, job.trial));
  });

  it('gives each trial the same seed whatever the order of the lists (and so of the work)', () => {
    const seeds = new Map(listTrialJobs(SWEEP_AXES, sweepExperiment()).map((job) => [jobId(job), job.seed]));
    const reordered = listTrialJobs(SWEEP_AXES, sweepExperiment({ samples: [320, 40, 160, 80] }));
    for (const job of reordered) assert.equal(job.seed, seeds.get(jobId(job)));
  });
});

describe('shards', () => {
  it('partition the jobs: disjoint, their union is every job, sizes near the mean', () => {
    const all = listTrialJobs(SWEEP_AXES, sweepExperiment());
    for (const count of [1, 2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, index) => shardTrials(all, index + 1, count));
      const ids = shards.flat().map(jobId);
      assert.equal(ids.length, all.length, `${count} shards hold every job exactly once`);
      assert.deepEqual(new Set(ids), new Set(all.map(jobId)));
      // Balanced in expectation; 120 jobs in 7 shards of about 17: far from empty or doubled.
      for (const shard of shards) assert.ok(shard.length > all.length / count / 3, `shard of ${shard.length} out of ${all.length}/${count}`);
    }
  });

  it('keep a trial in its shard when the experiment gains cells and trials', () => {
    const small = listTrialJobs(SWEEP_AXES, sweepExperiment(), { index: 2, count: 3 }).map(jobId);
    const largerShard = new Set(listTrialJobs(SWEEP_AXES, sweepExperiment({ samples: [40, 80, 160, 320, 640], trials: 8 }), { index: 2, count: 3 }).map(jobId));
    for (const id of small) assert.ok(largerShard.has(id), id);
  });

  it('listTrialJobs with a shard equals shardTrials of all jobs', () => {
    const experiment = sweepExperiment();
    assert.deepEqual(listTrialJobs(SWEEP_AXES, experiment, { index: 1, count: 2 }), shardTrials(listTrialJobs(SWEEP_AXES, experiment), 1, 2));
  });

  it('reject shard numbers outside 1..N', () => {
    assert.throws(() => shardTrials([], 0, 2), /1 ≤ I ≤ N/);
    assert.throws(() => shardTrials([], 3, 2), /1 ≤ I ≤ N/);
  });

  it('parse "I/N" numbered from 1, with clear errors', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.throws(() => parseShard('0/4'), /numbered from 1/);
    assert.throws(() => parseShard('5/4'), /1 ≤ I ≤ N/);
    assert.throws(() => parseShard('two'), /expected I\/N/);
  });
});
