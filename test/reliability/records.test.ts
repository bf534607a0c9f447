// Records, as the log, the guards and the readers see them: a diverged trial (null metrics) is
// reported exactly as it is on disk and passes every guard; a trial that throws is a failed
// record, not a failed sweep; records that are not trials of the run are skipped by name and
// never counted ("301 of 300").
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reportSnapshot } from '../../src/cli/commands/report';
import { runExperiment } from '../../src/core/execution/runExperiment';
import { readManifest } from '../../src/core/runs/manifestFile';
import { TRIALS_FILE } from '../../src/core/runs/runFolder';
import { readRunFolder } from '../../src/core/runs/runReader';
import { readTrialLog } from '../../src/core/runs/trialLog';
import type { RunEvent } from '../../src/shared/protocol';
import { checkHostToPanelMessage, checkRunEvent } from '../../src/shared/protocolGuards';
import { trialKey, type TrialRecord } from '../../src/shared/trialRecord';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { main } from '../../src/cli/main';
import { bufferIo } from '../unit/cli/bufferIo';
import { assertCleanMessage } from './support';

const fakeWorker = join(__dirname, '..', 'unit', 'execution', 'fixtures', 'fakeTrialWorker.ts');

/** `lth ...` in this process (its stdout may be pretty-printed JSON). */
async function lth(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** A real teacher-student run (the real worker) of the tiny experiment with these noise levels. */
async function noisyRun(noiseStd: number[]) {
  const dir = temporaryDir('lth-records-');
  const configPath = writeTinyExperiment(dir, { teacher: { inputDim: 20, hiddenUnits: 2, nonzerosPerNeuron: 5, noiseStd }, samples: 50, trials: 1 });
  const events: RunEvent[] = [];
  const outcome = await runExperiment({ configPath, outDir: join(dir, 'runs'), workers: 1, durable: false }, (event) => events.push(event));
  return { configPath, outcome, events, reported: events.flatMap((event) => (event.type === 'trial-completed' ? [event] : [])) };
}

test('label noise 1e154 (trainLoss overflows to null): the event is the record on disk, and every guard lets it through', async () => {
  const { outcome, reported } = await noisyRun([0, 1e154]);
  assert.equal(outcome.status, 'completed', outcome.message);
  const onDisk = new Map(readTrialLog(outcome.runDir).records.map((record) => [trialKey(record), record]));
  const diverged = reported.find((event) => event.record.noiseStd === 1e154);
  assert.equal(diverged?.record.trainLoss, null, 'JSON has no Infinity: the record says null');
  for (const event of reported) {
    assert.deepEqual(checkRunEvent(event), { ok: true, value: event }, 'the extension and --events json consumers keep it');
    assert.deepEqual(event.record, onDisk.get(trialKey(event.record)), 'what was reported is what is on disk');
  }
  const snapshot = JSON.parse(JSON.stringify(reportSnapshot([outcome.runDir], false)));
  assert.equal(checkHostToPanelMessage(snapshot).ok, true, 'the panel and the report show it');
});

test('label noise 1e155 (a trial throws): the trial is recorded as failed with its reason, the sweep completes, summarize lists it', async () => {
  const { outcome, reported, events } = await noisyRun([0, 1e155]);
  assert.equal(outcome.status, 'completed', outcome.message);
  assert.equal(outcome.completedTrials, 2);
  assert.equal(readManifest(outcome.runDir).status, 'completed');
  const failed = readTrialLog(outcome.runDir).records.filter((record) => record.failed !== undefined);
  assert.equal(failed.length, 1);
  assert.equal(failed[0].noiseStd, 1e155);
  assertCleanMessage(String(failed[0].failed), /is Infinity, expected a finite number/);
  for (const event of reported) assert.equal(checkRunEvent(event).ok, true);
  assert.ok(events.some((event) => event.type === 'log' && event.level === 'warn' && /1 trial failed/.test(event.message)));

  const summary = await lth('summarize', outcome.runDir);
  assert.equal(summary.code, 0, summary.stderr);
  assertCleanMessage(summary.stdout, 'Trials: 2 of 2', 'Failed trials: 1', `${failed[0].cell} trial 0: `);
  const json = JSON.parse((await lth('summarize', outcome.runDir, '--json')).stdout);
  assert.deepEqual(json.failedTrials, [{ cell: failed[0].cell, trial: 0, reason: failed[0].failed }]);
  assert.equal(json.cells.length, 1, 'the failed trial is left out of the statistics');
});

test('a record the log accepted but the guards reject is skipped by line: the rest still reaches the report', async () => {
  const { outcome } = await noisyRun([0, 0.5]);
  const path = join(outcome.runDir, TRIALS_FILE);
  const [first, second] = readFileSync(path, 'utf8').trim().split('\n');
  // Valid JSON with a string "cell" and an integer "trial" (all the log used to check), but a label too long for the protocol.
  const tooLong = JSON.stringify({ ...(JSON.parse(second) as TrialRecord), trial: 0, variant: 'x'.repeat(100) });
  writeFileSync(path, `${first}\n${tooLong}\n${second}\n`);

  const warnings: string[] = [];
  const snapshot = reportSnapshot([outcome.runDir], false, (warning) => warnings.push(warning));
  assert.equal(checkHostToPanelMessage(JSON.parse(JSON.stringify(snapshot))).ok, true);
  assert.equal(snapshot.type === 'snapshot' && snapshot.runs[0].records.length, 2);
  assert.equal(warnings.length, 1);
  assertCleanMessage(warnings[0], `${path}:2: record.variant: expected `, 'lth repair');

  const report = await lth('report', outcome.runDir, '--out', join(outcome.runDir, 'report.html'));
  assert.equal(report.code, 0, report.stderr);
  assertCleanMessage(report.stderr, `lth report: warning: ${path}:2:`);
});

test('records that are not trials of the sweep are not counted: 8 of 8, not 10 of 8', async () => {
  const dir = temporaryDir('lth-records-');
  const configPath = writeTinyExperiment(dir);
  const outcome = await runExperiment({ configPath, outDir: join(dir, 'runs'), workers: 2, workerScript: fakeWorker, durable: false }, () => {});
  const path = join(outcome.runDir, TRIALS_FILE);
  const record = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]) as TrialRecord;
  // A record of the same cell from a run with another seed, and one of a cell this grid does not have.
  appendFileSync(path, `${JSON.stringify({ ...record, trial: 1 - record.trial, seed: (record.seed ^ 1) >>> 0 })}\n`);
  appendFileSync(path, `${JSON.stringify({ ...record, cell: record.cell.replace(/^samples=\d+/, 'samples=999'), samples: 999 })}\n`);

  const text = await lth('summarize', outcome.runDir);
  assertCleanMessage(text.stdout, 'Trials: 8 of 8', `${path}:9: not a trial of this run: seed `, 'comes from another experiment', `${path}:10: not a trial of this run: cell "samples=999,`);
  const json = JSON.parse((await lth('summarize', outcome.runDir, '--json')).stdout);
  assert.equal(json.trials, 8);
  assert.deepEqual(json.skippedLines.map((line: { line: number }) => line.line), [9, 10]);
  assert.equal(readRunFolder(outcome.runDir).records.length, 8, 'the panel reads the same 8');
});
