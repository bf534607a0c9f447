// Resource limits: a config that passes `lth validate` must not be able to take all the memory.
// Memory and time are estimated from the resolved experiment before anything runs; what cannot
// fit is refused with the fields to change, workers are capped, and a sweep of 10^9 trials is
// walked, never listed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RunSetupError, runExperiment } from '../../src/core/execution/runExperiment';
import { planResources, ResourceLimitError } from '../../src/core/execution/resourcePlan';
import { familyOf } from '../../src/core/families/registry';
import { resolveTeacherStudent } from '../../src/core/families/teacher-student/resolve';
import { readManifest } from '../../src/core/runs/manifestFile';
import { readTrialLog } from '../../src/core/runs/trialLog';
import { trialJobs } from '../../src/core/sweep/trialJobs';
import { SWEEP_AXES } from '../../src/core/families/teacher-student/types';
import type { RunEvent } from '../../src/shared/protocol';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthInProcess } from './support';

const fakeWorker = join(__dirname, '..', 'unit', 'execution', 'fixtures', 'fakeTrialWorker.ts');
const GiB = 2 ** 30;

function writeExperiment(dir: string, name: string, experiment: object): string {
  const path = join(dir, `${name}.lth.json`);
  writeFileSync(path, JSON.stringify({ kind: 'teacher-student', name, ...experiment }));
  return path;
}

test('inputDim 1e9 with a sparse mask runs in O(used features) memory; a dense mask over it is refused, naming the fields, before any folder exists', async () => {
  const dir = temporaryDir('lth-limits-');
  const sparse = writeExperiment(dir, 'huge-d', { teacher: { inputDim: 1_000_000_000, hiddenUnits: 2, nonzerosPerNeuron: 5 }, samples: 60, trials: 1, training: { init: 'near', maxIterations: 50 } });
  const validated = await lthInProcess(['validate', sparse]);
  assert.equal(validated.code, 0, validated.stdout);
  assertCleanMessage(validated.stdout, `${sparse}: estimate: about `, /[\d.]+ MiB per worker thread/);
  const outcome = await runExperiment({ configPath: sparse, outDir: join(dir, 'runs'), workers: 1, durable: false }, () => {});
  assert.equal(outcome.status, 'completed', outcome.message);
  const [record] = readTrialLog(outcome.runDir).records;
  assert.equal(record.failed, undefined);
  assert.ok(Number(record.relativeError) < Number(record.initialRelativeError), 'it trained');

  const dense = writeExperiment(dir, 'huge-dense', { teacher: { inputDim: 1_000_000_000, nonzerosPerNeuron: 5 }, student: { mask: 'dense' } });
  const refused = await lthInProcess(['validate', dense]);
  assert.equal(refused.code, 1, refused.stdout);
  assertCleanMessage(refused.stdout, `${dense}: error: cannot run:`, 'teacher.inputDim', /TiB|GiB/);
  const outDir = join(dir, 'dense-runs');
  await assert.rejects(runExperiment({ configPath: dense, outDir, workerScript: fakeWorker }, () => assert.fail('nothing may run')), (error: Error) => {
    assert.ok(error instanceof RunSetupError);
    assertCleanMessage(error.message, dense, 'teacher.inputDim');
    return true;
  });
  assert.equal(existsSync(outDir), false, 'no run folder was made');
});

test('a worker that cannot fit the machine is refused; workers are capped by the cores and by memory', () => {
  const family = familyOf('teacher-student');
  // 8 × 2000 × 50000 inputs = 800 MB per worker (a test set of 2000 × 2000 is kept, so every feature has its row):
  // over a 1 GiB machine's usable share, twice on a 2 GiB one.
  const experiment = resolveTeacherStudent(
    { kind: 'teacher-student', teacher: { inputDim: 2000, nonzerosPerNeuron: 5 }, samples: 50_000, training: { init: 'near' }, evaluation: { testSamples: 2000 } },
    'wide',
  );
  assert.throws(
    () => planResources(family, experiment, { trialsToRun: 3 }, { memoryBytes: 1 * GiB, cores: 8 }),
    (error: Error) => error instanceof ResourceLimitError && /training inputs/.test(error.message) && /lower teacher\.inputDim or samples/.test(error.message),
  );
  const capped = planResources(family, experiment, { workers: 8, trialsToRun: 3 }, { memoryBytes: 2 * GiB, cores: 8 });
  assert.equal(capped.workers, 1);
  assert.match(capped.notes.join('\n'), /each worker thread needs about [\d.]+ MiB .*: running 1 worker thread/);

  const small = resolveTeacherStudent({ kind: 'teacher-student' }, 'small');
  const byCores = planResources(family, small, { workers: 64, trialsToRun: 1000 }, { memoryBytes: 16 * GiB, cores: 4 });
  assert.equal(byCores.workers, 4);
  assert.match(byCores.notes[0], /64 worker threads asked for, but this machine has 4 cores: running 4/);
});

test('--workers beyond the cores runs on the cores, and says so', async () => {
  const configPath = writeTinyExperiment(temporaryDir('lth-limits-'));
  const events: RunEvent[] = [];
  const outcome = await runExperiment({ configPath, outDir: join(temporaryDir('lth-limits-'), 'runs'), workers: 64, workerScript: fakeWorker, durable: false }, (event) => events.push(event));
  assert.equal(outcome.status, 'completed');
  assert.equal(outcome.workers, Math.min(availableParallelism(), 8));
  assert.ok(events.some((event) => event.type === 'log' && /64 worker threads asked for/.test(event.message)));
});

test('a sweep of 10^9 trials starts at once, warns how long it would take, and stops cleanly: nothing is listed', async () => {
  const dir = temporaryDir('lth-limits-');
  const configPath = writeTinyExperiment(dir, { trials: 1_000_000_000, training: { init: 'near', maxIterations: 1, curvePoints: 2 } });
  const abort = new AbortController();
  const events: RunEvent[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  const started = Date.now();
  const outcome = await runExperiment({ configPath, outDir: join(dir, 'runs'), workers: 1, workerScript: fakeWorker, durable: false }, (event) => {
    events.push(event);
    if (event.type === 'trial-completed' && event.completedTrials === 5) abort.abort();
  }, abort.signal);
  assert.ok(Date.now() - started < 20_000, 'no time spent listing the sweep');
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 200 * 2 ** 20, 'no memory spent listing the sweep');
  assert.equal(outcome.status, 'cancelled');
  assert.equal(outcome.totalTrials, 4_000_000_000);
  assert.equal(readManifest(outcome.runDir).status, 'cancelled');
  assert.equal(readTrialLog(outcome.runDir).records.length, outcome.completedTrials, 'every trial reported is on disk');
  const warning = events.find((event) => event.type === 'log' && event.level === 'warn' && /may take up to about/.test(event.message));
  assert.ok(warning?.type === 'log', 'the run says how long it would take');
  assertCleanMessage(warning.message, /--shard/);
});

test('a grid of 10^9 cells is walked in order without being built', () => {
  const values = (count: number, step: number, from = 0) => Array.from({ length: count }, (_, index) => from + step * (index + 1));
  const experiment = resolveTeacherStudent(
    {
      kind: 'teacher-student',
      teacher: { inputDim: 100, nonzerosPerNeuron: values(10, 1, 4), noiseStd: values(100, 0.001) },
      samples: values(100, 10),
      student: { extraPerNeuron: values(10, 1) },
      training: { init: 'near', momentum: values(10, 0.05, -0.05), initDistance: values(100, 0.001) },
      trials: 1,
    },
    'grid',
  );
  const started = Date.now();
  const walk = trialJobs(SWEEP_AXES, experiment);
  const first = Array.from({ length: 3 }, () => walk.next().value);
  assert.ok(Date.now() - started < 1000);
  assert.deepEqual(first.map((job) => [job?.cell.samples, job?.cell.initDistance]), [[10, 0.001], [10, 0.002], [10, 0.003]], 'the last axis turns fastest, as before');
});

test('maxIterations past what can run is refused by validate at its place, not at run time', async () => {
  const dir = temporaryDir('lth-limits-');
  const text = '{ "kind": "teacher-student", "training": { "maxIterations": 9007199254740994 } }';
  const configPath = join(dir, 'iterations.lth.json');
  writeFileSync(configPath, text);
  const validated = await lthInProcess(['validate', configPath]);
  assert.equal(validated.code, 1);
  assertCleanMessage(validated.stdout, `${configPath}:1:${text.indexOf('9007') + 1}: training.maxIterations:`, /expected an integer in \[1, 100000000\]/);
  assert.deepEqual(readdirSync(dir), ['iterations.lth.json']);
});
