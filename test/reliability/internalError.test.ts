// Item 4: whatever breaks inside lth (a bug, not bad input) never shows a stack trace: one line
// says what broke and names the file that holds the details (version, command, stack).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage } from './support';

/** An io whose stdout breaks the way a bug would (a TypeError deep in a command). */
function brokenStdoutIo() {
  const stderr: string[] = [];
  return {
    stdout: {
      write: (): never => {
        throw new TypeError("Cannot read properties of undefined (reading 'cells')");
      },
    },
    stderr: { write: (text: string) => stderr.push(text) },
    err: () => stderr.join(''),
  };
}

test('a bug inside a command is one line naming a log file; the stack is in the file, not on the terminal', async () => {
  const dir = temporaryDir('lth-internal-');
  const logDir = join(dir, 'errors');
  const configPath = writeTinyExperiment(dir);
  const io = brokenStdoutIo();
  const code = await main(['validate', configPath], io, logDir);
  assert.equal(code, 1);
  const message = io.err();
  assertCleanMessage(message, "lth: an unexpected error (a bug in lth, please report it): Cannot read properties of undefined (reading 'cells'); details in ");
  assert.equal(message.trim().split('\n').length, 1, 'one line');
  const [logFile] = readdirSync(logDir);
  assert.ok(message.includes(join(logDir, logFile)), 'the line names the log file');
  const details = readFileSync(join(logDir, logFile), 'utf8');
  assert.match(details, new RegExp(`command: lth validate ${configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(details, /TypeError: Cannot read properties of undefined[^\n]*\n\s+at /, 'the stack is kept for the bug report');
});

test('when even the log file cannot be written, the one line says why instead', async () => {
  const dir = temporaryDir('lth-internal-');
  const notAFolder = join(dir, 'file');
  writeFileSync(notAFolder, '');
  const io = brokenStdoutIo();
  assert.equal(await main(['validate', writeTinyExperiment(dir)], io, join(notAFolder, 'errors')), 1);
  assertCleanMessage(io.err(), `the details could not be written to ${join(notAFolder, 'errors')}`, '(ENOTDIR)');
  assert.equal(io.err().trim().split('\n').length, 1);
});
