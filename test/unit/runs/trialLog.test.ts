import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrialLog, TrialLogWriter } from '../../../src/core/runs/trialLog';
import { TRIALS_FILE } from '../../../src/core/runs/runFolder';
import { fakeRecord } from '../analysis/fakeRecord';
import type { TrialRecord } from '../../../src/core/families/teacher-student/types';

const temporaryDir = () => mkdtempSync(join(tmpdir(), 'lth-trial-log-'));

test('records appended are read back whole and in order; appends resolve in order', async () => {
  const dir = temporaryDir();
  const written = [fakeRecord({ trial: 0, relativeError: 1e-9 }), fakeRecord({ trial: 1, convergenceRate: null }), fakeRecord({ samples: 7, trial: 0 })];
  const writer = new TrialLogWriter(dir);
  const resolved: TrialRecord[] = [];
  // Appended in one tick: they share group commits, yet resolve in append order.
  await Promise.all(written.map((record) => writer.append(record).then(() => resolved.push(record))));
  assert.deepEqual(resolved, written);
  writer.close();
  const contents = readTrialLog(dir);
  assert.deepEqual(contents.records, written);
  assert.equal(contents.tornLines, 0);
  assert.equal(readFileSync(join(dir, TRIALS_FILE), 'utf8').split('\n').length, written.length + 1, 'one line per record');
});

test('a missing log is empty', () => {
  assert.deepEqual(readTrialLog(temporaryDir()), { records: [], rejected: [], tornLines: 0, nextByte: 0 });
});

test('a torn last line is ignored and counted, never fatal', () => {
  const dir = temporaryDir();
  const whole = fakeRecord({ trial: 0 });
  const torn = JSON.stringify(fakeRecord({ trial: 1 }));
  writeFileSync(join(dir, TRIALS_FILE), `${JSON.stringify(whole)}\n${torn.slice(0, torn.length / 2)}`);
  const contents = readTrialLog(dir);
  assert.deepEqual(contents.records, [whole]);
  assert.equal(contents.tornLines, 1);
});

test('a last line without its newline is ignored even when it happens to parse', () => {
  // The writer appends line and newline in one write; without the newline the write was cut.
  const dir = temporaryDir();
  writeFileSync(join(dir, TRIALS_FILE), JSON.stringify(fakeRecord({ trial: 3 })));
  assert.deepEqual(readTrialLog(dir).records, []);
});

test('the writer cuts a torn tail before appending, so the log stays readable', async () => {
  const dir = temporaryDir();
  const first = fakeRecord({ trial: 0 });
  writeFileSync(join(dir, TRIALS_FILE), `${JSON.stringify(first)}\n{"cell":"N=1`);
  const writer = new TrialLogWriter(dir);
  const second = fakeRecord({ trial: 1 });
  await writer.append(second);
  writer.close();
  assert.deepEqual(readTrialLog(dir), { records: [first, second], rejected: [], tornLines: 0, nextByte: readFileSync(join(dir, TRIALS_FILE)).length });
});

test('the writer empties a log that is only a torn line', () => {
  const dir = temporaryDir();
  writeFileSync(join(dir, TRIALS_FILE), '{"cell":');
  new TrialLogWriter(dir).close();
  assert.equal(readFileSync(join(dir, TRIALS_FILE), 'utf8'), '');
});

test('a corrupt line in the middle is skipped with its line number and why; the others are read', () => {
  const dir = temporaryDir();
  const [first, third] = [fakeRecord({}), fakeRecord({ trial: 1 })];
  writeFileSync(join(dir, TRIALS_FILE), `${JSON.stringify(first)}\nnot json\n${JSON.stringify(third)}\n`);
  const contents = readTrialLog(dir);
  assert.deepEqual(contents.records, [first, third]);
  assert.equal(contents.rejected.length, 1);
  assert.equal(contents.rejected[0].line, 2);
  assert.equal(contents.rejected[0].text, 'not json');
  assert.match(contents.rejected[0].problem, /^not valid JSON \(/);
  writeFileSync(join(dir, TRIALS_FILE), '{"cell":"x"}\n');
  assert.deepEqual(readTrialLog(dir).rejected.map(({ line, problem }) => [line, problem]), [[1, 'record.trial: expected an integer, got undefined']]);
});

test('reading from nextByte returns only what was appended since', async () => {
  const dir = temporaryDir();
  const writer = new TrialLogWriter(dir, false);
  await writer.append(fakeRecord({ trial: 0 }));
  const first = readTrialLog(dir);
  const later = fakeRecord({ trial: 1 });
  await writer.append(later);
  appendFileSync(join(dir, TRIALS_FILE), '{"torn');
  writer.close();
  const increment = readTrialLog(dir, first.nextByte);
  assert.deepEqual(increment.records, [later]);
  assert.equal(increment.tornLines, 1);
  assert.deepEqual(readTrialLog(dir, increment.nextByte).records, []);
});

test('close refuses while records are still being synced', async () => {
  const writer = new TrialLogWriter(temporaryDir());
  const pending = writer.append(fakeRecord({}));
  assert.throws(() => writer.close(), /still being synced/);
  await pending;
  writer.close();
});
