// A run's record of itself and of its input: a hang-up (closed terminal, dropped ssh session)
// leaves the manifest cancelled, not "running"; an experiment file saved as UTF-16 is refused
// with a message that says so.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main';
import { readManifest } from '../../src/core/runs/manifestFile';
import { readTrialLog } from '../../src/core/runs/trialLog';
import { bufferIo } from '../unit/cli/bufferIo';
import { LASTING_RUN, temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthChild } from './support';

test('SIGHUP stops lth run like SIGTERM: manifest cancelled, every reported trial on disk, exit 129', async () => {
  const dir = temporaryDir('lth-sighup-');
  const configPath = writeTinyExperiment(dir, LASTING_RUN);
  let hungUp = false;
  const result = await lthChild(['run', configPath, '--out', join(dir, 'runs'), '--workers', '1', '--events', 'json'], {
    onEvent: (event, child) => {
      if (event.type === 'trial-completed' && event.completedTrials >= 2 && !hungUp) {
        hungUp = true;
        child.kill('SIGHUP');
      }
    },
  });
  assert.equal(result.code, 129, result.stderr);
  assertCleanMessage(result.stderr, 'SIGHUP received', 'Resume with:');
  const started = result.events.find((event) => event.type === 'run-started');
  const finished = result.events[result.events.length - 1];
  assert.ok(started?.type === 'run-started' && finished.type === 'run-finished' && finished.status === 'cancelled');
  assert.equal(readManifest(started.runDir).status, 'cancelled');
  assert.equal(readTrialLog(started.runDir).records.length, finished.completedTrials);
});

test('an experiment file in UTF-16 (with or without a byte-order mark) is refused at 1:1 saying so', async () => {
  const dir = temporaryDir('lth-utf16-');
  const text = '{ "kind": "teacher-student", "trials": 1 }\n';
  const littleEndian = join(dir, 'bom.lth.json');
  writeFileSync(littleEndian, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const bigEndian = join(dir, 'plain.lth.json');
  writeFileSync(bigEndian, Buffer.from(text, 'utf16le').swap16());

  const io = bufferIo();
  assert.equal(await main(['validate', littleEndian, bigEndian], io), 1);
  const [first, second] = io.out().trim().split('\n');
  assertCleanMessage(first, `${littleEndian}:1:1: the file is encoded as UTF-16LE, not UTF-8`, 'save it again as UTF-8');
  assertCleanMessage(second, `${bigEndian}:1:1: the file is encoded as UTF-16BE, not UTF-8`);

  const run = bufferIo();
  assert.equal(await main(['run', littleEndian, '--out', join(dir, 'runs')], run), 1);
  assertCleanMessage(run.err(), 'UTF-16LE');
  assert.deepEqual(readdirSync(dir).sort(), ['bom.lth.json', 'plain.lth.json'], 'no run folder');
});
