import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { checkRunEvent } from '../../../src/shared/protocolGuards';
import type { RunEvent } from '../../../src/shared/protocol';
import { temporaryDir, writeTinyExperiment } from '../execution/fixtures/tinyExperiment';
import { bufferIo } from './bufferIo';

async function lth(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

test('--version prints the package version', async () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  assert.deepEqual(await lth('--version'), { code: 0, out: `${version}\n`, err: '' });
});

test('--help lists every command; no command is a usage error', async () => {
  const help = await lth('--help');
  assert.equal(help.code, 0);
  for (const command of ['run FILE', 'validate FILE', 'summarize RUN_DIR', 'report RUN_DIR']) assert.ok(help.out.includes(command), command);
  assert.match(help.out, /Exit codes:/);
  assert.equal((await lth()).code, 2);
  assert.match((await lth('run', '--help')).out, /Usage: lth run FILE .*--events json/);
});

test('usage mistakes exit 2 with a message saying what was expected', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /unknown command "frobnicate"; expected one of run, validate, summarize, report/],
    [['run'], /lth run: expected exactly one experiment FILE, got 0/],
    [['run', 'a.lth.json', '--workers', '0'], /--workers "0": expected a positive integer/],
    [['run', 'a.lth.json', '--workers', '1.5'], /--workers "1.5": expected a positive integer/],
    [['run', 'a.lth.json', '--shard', '3/2'], /--shard 3\/2: expected I\/N with 1 ≤ I ≤ N/],
    [['run', 'a.lth.json', '--events', 'xml'], /--events "xml": expected "json"/],
    [['run', 'a.lth.json', '--wrokers', '2'], /Unknown option '--wrokers'/],
  ];
  for (const [argv, message] of cases) {
    const result = await lth(...argv);
    assert.equal(result.code, 2, argv.join(' '));
    assert.match(result.err, message);
  }
});

test('run: an unreadable or invalid file exits 1 with the reason', async () => {
  const dir = temporaryDir();
  const missing = await lth('run', join(dir, 'missing.lth.json'), '--out', dir);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read .*missing\.lth\.json: no such file/);
  const invalid = writeTinyExperiment(dir, { trials: 0 });
  const result = await lth('run', invalid, '--out', dir, '--events', 'json');
  assert.equal(result.code, 1);
  const event = JSON.parse(result.out) as RunEvent;
  assert.equal(event.type === 'run-finished' && event.status, 'failed', 'JSON consumers get a run-finished event');
  assert.match(result.err, /tiny\.lth\.json:\d+:\d+: trials/);
});

test('validate is dispatched', async () => {
  const result = await lth('validate', writeTinyExperiment(temporaryDir()));
  assert.equal(result.code, 0);
  assert.match(result.out, /ok \(4 cells × 2 trials = 8 trainings\)/);
});

test('run --events json: one valid protocol event per line, on disk when reported (real training)', async () => {
  const dir = temporaryDir();
  const result = await lth('run', writeTinyExperiment(dir), '--out', join(dir, 'runs'), '--workers', '2', '--events', 'json');
  assert.equal(result.code, 0, result.err);
  const events = result.out.trimEnd().split('\n').map((line) => {
    const checked = checkRunEvent(JSON.parse(line));
    assert.ok(checked.ok, checked.ok ? '' : checked.problem);
    return checked.value;
  });
  assert.equal(events[0].type, 'run-started');
  const last = events[events.length - 1];
  assert.ok(last.type === 'run-finished' && last.status === 'completed' && last.completedTrials === 8);
  assert.equal(events.filter((event) => event.type === 'trial-completed').length, 8);
  assert.match(result.err, /Completed 8\/8 trials\. Results: .*Summarize with: lth summarize /s);
});
