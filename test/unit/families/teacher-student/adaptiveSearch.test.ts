// The adaptive search for the phase boundary: it converges on a known boundary (simulated
// trials), decides the same phases from the same records, and a run killed mid-phase resumes
// with nothing recomputed and ends with exactly the records of an uninterrupted run.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runExperiment } from '../../../../src/core/execution/runExperiment';
import { axisNames } from '../../../../src/core/families/experimentFamily';
import { adaptiveSearch } from '../../../../src/core/families/teacher-student/adaptive/adaptiveSearch';
import { recordsAtSharedSamples } from '../../../../src/core/families/teacher-student/adaptive/sharedSamples';
import { teacherStudentFamily } from '../../../../src/core/families/teacher-student/family';
import { phaseBoundary } from '../../../../src/core/families/teacher-student/phaseBoundary';
import { resolveTeacherStudent } from '../../../../src/core/families/teacher-student/resolve';
import type { ExperimentFile } from '../../../../src/core/families/teacher-student/schema';
import { RandomStream } from '../../../../src/core/random/randomStream';
import { readTrialLog } from '../../../../src/core/runs/trialLog';
import type { EarlierJob } from '../../../../src/core/sweep/phasedSweep';
import type { TrialJob } from '../../../../src/core/sweep/trialJobs';
import type { TrialRecord } from '../../../../src/shared/trialRecord';
import { temporaryDir, writeTinyExperiment } from '../../execution/fixtures/tinyExperiment';

const AXES = axisNames(teacherStudentFamily);
const TRUE_CONSTANT = 7;

function experimentOf(adaptive: Record<string, number>, trials = 4) {
  const file = { kind: 'teacher-student', teacher: { nonzerosPerNeuron: [5, 10, 20] }, samples: { adaptive }, trials } as ExperimentFile;
  return resolveTeacherStudent(file, 'adaptive');
}

/** A simulated trial: succeeds with a logistic probability in log N around N* = 7·r, drawn from its own seed. */
function simulatedRecord(job: TrialJob): TrialRecord {
  const probability = 1 / (1 + Math.pow((TRUE_CONSTANT * job.cell.nonzerosPerNeuron) / job.cell.samples, 6));
  return { cell: job.cellKey, trial: job.trial, seed: job.seed, ...job.cell, success: new RandomStream(job.seed).nextFloat() < probability } as unknown as TrialRecord;
}

/** Every phase of a search on simulated trials, in order. */
function simulate(adaptive: Record<string, number>): TrialJob[][] {
  const search = adaptiveSearch(AXES, experimentOf(adaptive));
  assert.ok(search);
  const earlier: EarlierJob[] = [];
  const phases: TrialJob[][] = [];
  for (let jobs = search.nextPhase(earlier); jobs.length > 0; jobs = search.nextPhase(earlier)) {
    phases.push(jobs);
    earlier.push(...jobs.map((job) => ({ job, records: [simulatedRecord(job)] })));
    assert.ok(phases.length < 100, 'the search ends');
  }
  return phases;
}

describe('adaptive search', () => {
  it('converges on a known boundary within its width, and spends less than its budget where it can', () => {
    const phases = simulate({ min: 10, max: 1000, trials: 120, width: 0.25 });
    const jobs = phases.flat();
    const cells = new Map<string, { values: { nonzerosPerNeuron: number; samples: number }; trials: number; successes: number }>();
    for (const job of jobs) {
      const cell = cells.get(job.cellKey) ?? { values: { nonzerosPerNeuron: job.cell.nonzerosPerNeuron, samples: job.cell.samples }, trials: 0, successes: 0 };
      cell.trials++;
      if (simulatedRecord(job).success) cell.successes++;
      cells.set(job.cellKey, cell);
    }
    for (const crossing of phaseBoundary([...cells.values()]).crossings) {
      const truth = TRUE_CONSTANT * crossing.nonzerosPerNeuron;
      assert.equal(crossing.status, 'crossed');
      assert.ok(Math.abs((crossing.criticalSamples as number) / truth - 1) < 0.25, `r = ${crossing.nonzerosPerNeuron}: N* = ${crossing.criticalSamples}, true ${truth}`);
    }
    for (const r of [5, 10, 20]) {
      const spent = jobs.filter((job) => job.cell.nonzerosPerNeuron === r).length;
      assert.ok(spent <= 120, `r = ${r} spent ${spent}`);
    }
    // Seeds never repeat: trial indices count up per cell.
    assert.equal(new Set(jobs.map((job) => `${job.cellKey}#${job.trial}`)).size, jobs.length);
  });

  it('stops an r before its budget once the interval is narrow enough', () => {
    const jobs = simulate({ min: 10, max: 1000, trials: 400, width: 0.5 }).flat();
    assert.ok(jobs.length < 3 * 400, `${jobs.length} trainings of at most ${3 * 400}`);
  });

  it('is deterministic: the same settings give the same N values and seeds', () => {
    const settings = { min: 10, max: 1000, trials: 80, width: 0.2 };
    assert.deepEqual(simulate(settings), simulate(settings));
    assert.notDeepEqual(simulate({ ...settings, width: 0.6 }), simulate(settings));
  });

  it('starts with the coarse pass and says which records cannot be its own', () => {
    const search = adaptiveSearch(AXES, experimentOf({ min: 10, max: 1000, trials: 40, coarse: 3 }));
    assert.ok(search);
    const first = search.nextPhase([]);
    assert.deepEqual([...new Set(first.map((job) => job.cell.samples))], [10, 100, 1000]);
    assert.equal(first.length, 3 * 3 * 4);
    assert.equal(search.outside(first[0].cellKey, 39), undefined);
    assert.match(search.outside(first[0].cellKey, 40) as string, /past the 40 trainings per r/);
    assert.match(search.outside(first[0].cellKey.replace('samples=10,', 'samples=1001,'), 0) as string, /no N in the adaptive range \[10, 1000\]/);
    assert.match(search.outside(first[0].cellKey.replace('nonzerosPerNeuron=5,', 'nonzerosPerNeuron=6,'), 0) as string, /not a cell of this run's sweep/);
    assert.equal(adaptiveSearch(AXES, resolveTeacherStudent({ kind: 'teacher-student' } as ExperimentFile, 'grid')), undefined);
  });
});

describe('adaptive search, charted', () => {
  it('keeps for per-N lines the N values every r has (the coarse pass), not each r’s own probes', () => {
    const record = (nonzerosPerNeuron: number, samples: number) => ({ nonzerosPerNeuron, samples }) as unknown as TrialRecord;
    const records = [record(5, 10), record(5, 100), record(5, 37), record(10, 10), record(10, 100), record(10, 70), record(10, 70)];
    assert.deepEqual(
      recordsAtSharedSamples(records).map((kept) => [kept.nonzerosPerNeuron, kept.samples]),
      [[5, 10], [5, 100], [10, 10], [10, 100]],
    );
  });
});

describe('adaptive search, run for real', () => {
  const overrides = { samples: { adaptive: { min: 8, max: 200, trials: 32, width: 0.3 } }, trials: 4, teacher: { inputDim: 10, hiddenUnits: 2, nonzerosPerNeuron: [2, 4] } };
  /** The records of a run without their wall time, keyed and sorted by trial. */
  const recordsOf = (runDir: string) =>
    readTrialLog(runDir)
      .records.map(({ seconds: _seconds, ...record }) => JSON.stringify(record))
      .sort();

  it('a run killed mid-phase resumes with nothing recomputed and ends with the uninterrupted run’s records', async () => {
    const dir = temporaryDir();
    try {
      const configPath = writeTinyExperiment(dir, overrides);
      const whole = await runExperiment({ configPath, outDir: join(dir, 'whole'), workers: 2, durable: false }, () => {});
      assert.equal(whole.status, 'completed');
      const expected = recordsOf(whole.runDir);
      assert.equal(whole.totalTrials, expected.length, 'the total is what the search ran');
      const coarsePass = 2 * 4 * 4; // two r × four coarse N × four trials
      assert.ok(expected.length > coarsePass + 4, `${expected.length} records: the search went past its coarse pass`);

      // Killed in its second phase (after the coarse pass and one more record).
      const abort = new AbortController();
      const cut = await runExperiment({ configPath, outDir: join(dir, 'cut'), workers: 1, durable: false }, (event) => {
        if (event.type === 'trial-completed' && event.completedTrials === coarsePass + 1) abort.abort();
      }, abort.signal);
      assert.equal(cut.status, 'cancelled');
      const before = readFileSync(join(cut.runDir, 'trials.jsonl'), 'utf8');
      const linesBefore = readTrialLog(cut.runDir).records.length;

      const ranAgain: string[] = [];
      const resumed = await runExperiment({ configPath, outDir: join(dir, 'cut'), resumeDir: cut.runDir, workers: 2, durable: false }, (event) => {
        if (event.type === 'trial-completed') ranAgain.push(`${event.record.cell}#${event.record.trial}`);
      });
      assert.equal(resumed.status, 'completed');
      assert.ok(readFileSync(join(cut.runDir, 'trials.jsonl'), 'utf8').startsWith(before), 'the lines written before are untouched');
      assert.equal(ranAgain.length, expected.length - linesBefore, 'only the missing trials ran');
      assert.deepEqual(recordsOf(cut.runDir), expected, 'the same decisions, the same records');
      assert.equal(JSON.parse(readFileSync(join(cut.runDir, 'manifest.json'), 'utf8')).totalTrials, expected.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to be sharded', async () => {
    const dir = temporaryDir();
    try {
      const configPath = writeTinyExperiment(dir, overrides);
      await assert.rejects(runExperiment({ configPath, outDir: dir, shard: { index: 1, count: 2 } }, () => {}), /adaptive sweep cannot be sharded/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
