// One bad line in the middle of trials.jsonl (a disk error, a hand edit) must not put the other
// trials out of reach: summarize, report and resume skip it with a warning naming the line, and
// `lth repair` moves such lines aside without losing a byte.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main';
import { runExperiment } from '../../src/core/execution/runExperiment';
import { readManifest, writeManifest } from '../../src/core/runs/manifestFile';
import { TRIALS_FILE } from '../../src/core/runs/runFolder';
import { lockRunFolder } from '../../src/core/runs/runLock';
import { REJECTED_TRIALS_FILE } from '../../src/core/runs/trialLog';
import type { RunEvent } from '../../src/shared/protocol';
import type { TrialRecord } from '../../src/shared/trialRecord';
import { bufferIo } from '../unit/cli/bufferIo';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage } from './support';

const fakeWorker = join(__dirname, '..', 'unit', 'execution', 'fixtures', 'fakeTrialWorker.ts');

async function lth(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** A finished 8-trial run whose trials.jsonl gets `damage` (lines in the middle, or a tail) inserted after its third line. */
async function damagedRun(damage: (records: TrialRecord[]) => { middle: string[]; tail?: string }) {
  const dir = temporaryDir('lth-bad-lines-');
  const configPath = writeTinyExperiment(dir);
  const outcome = await runExperiment({ configPath, outDir: join(dir, 'runs'), workers: 2, workerScript: fakeWorker, durable: false }, () => {});
  const path = join(outcome.runDir, TRIALS_FILE);
  const good = readFileSync(path, 'utf8').trim().split('\n');
  const { middle, tail = '' } = damage(good.map((line) => JSON.parse(line) as TrialRecord));
  writeFileSync(path, `${[...good.slice(0, 3), ...middle, ...good.slice(3)].join('\n')}\n${tail}`);
  return { configPath, runDir: outcome.runDir, path, good, middle, tail };
}

test('a bad line mid-file: summarize, report and resume skip it by name; nothing is recomputed or lost', async () => {
  const { configPath, runDir, path } = await damagedRun(() => ({ middle: ['{"cell":"samples=30,nonzer'] }));
  const summary = await lth('summarize', runDir);
  assert.equal(summary.code, 0, summary.stderr);
  assertCleanMessage(summary.stdout, 'Trials: 8 of 8', `warning: ${path}:4: not valid JSON`, `lth repair ${runDir}`);

  const report = await lth('report', runDir, '--out', join(runDir, 'report.html'));
  assert.equal(report.code, 0, report.stderr);
  assertCleanMessage(report.stderr, `${path}:4: not valid JSON`);

  // As if the run had been stopped: resuming must run nothing, and leave the log as it is.
  writeManifest(runDir, { ...readManifest(runDir), status: 'cancelled' });
  const before = readFileSync(path);
  const events: RunEvent[] = [];
  const resumed = await runExperiment({ configPath, outDir: runDir, resumeDir: runDir, workerScript: fakeWorker }, (event) => events.push(event));
  assert.deepEqual([resumed.status, resumed.workers, resumed.completedTrials], ['completed', 0, 8]);
  assert.equal(events.filter((event) => event.type === 'trial-completed').length, 0, 'nothing recomputed');
  const warning = events.find((event) => event.type === 'log' && event.level === 'warn');
  assert.ok(warning?.type === 'log');
  assertCleanMessage(warning.message, `${path}:4: not valid JSON`);
  assert.deepEqual(readFileSync(path), before, 'the log is untouched');
});

test('lth repair moves bad lines, foreign records and a torn tail aside verbatim; trials.jsonl keeps exactly the good lines', async () => {
  const { runDir, path, good, middle, tail } = await damagedRun((records) => ({
    middle: ['not json at all', JSON.stringify({ ...records[0], trial: 5 })],
    tail: '{"cell":"samp',
  }));
  const repaired = await lth('repair', runDir);
  assert.equal(repaired.code, 0, repaired.stderr);
  const rejectedPath = join(runDir, REJECTED_TRIALS_FILE);
  assertCleanMessage(repaired.stdout, `${path}:4: not valid JSON`, `${path}:5: not a trial of this run: trial 5 is past the 2 trials`, 'incomplete last line', `moved 3 lines aside; 8 trial records remain`, rejectedPath);
  assert.equal(readFileSync(path, 'utf8'), `${good.join('\n')}\n`, 'the good lines, byte for byte, in order');
  assert.equal(readFileSync(rejectedPath, 'utf8'), `${[...middle, tail].join('\n')}\n`, 'the bad lines, byte for byte');

  const again = await lth('repair', runDir);
  assertCleanMessage(again.stdout, `${runDir}: nothing to repair (8 trial records)`);
  assert.equal(readFileSync(rejectedPath, 'utf8'), `${[...middle, tail].join('\n')}\n`, 'nothing moved twice');
  const summary = await lth('summarize', runDir);
  assert.doesNotMatch(summary.stdout, /warning/);
});

test('lth repair is refused while a run writes the folder, and for what is not a run folder; nothing changes', async () => {
  const { runDir, path } = await damagedRun(() => ({ middle: ['garbage'] }));
  const before = readFileSync(path);
  const writer = lockRunFolder(runDir);
  try {
    const refused = await lth('repair', runDir);
    assert.equal(refused.code, 1);
    assertCleanMessage(refused.stderr, /^lth repair: /, runDir);
  } finally {
    writer.release();
  }
  assert.deepEqual(readFileSync(path), before);
  assert.equal(existsSync(join(runDir, REJECTED_TRIALS_FILE)), false);

  const notRun = await lth('repair', temporaryDir('lth-bad-lines-'));
  assert.equal(notRun.code, 1);
  assertCleanMessage(notRun.stderr, /^lth repair: .*manifest\.json/);
  const usage = await lth('repair');
  assert.equal(usage.code, 2);
  assertCleanMessage(usage.stderr, 'expected at least one RUN_DIR');
});
