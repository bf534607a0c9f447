// Item 1: re-running the same `lth run FILE --out DIR` continues the newest unfinished run of the
// same config (after kill -9 or Ctrl-C), reports a completed one without running anything,
// and --new starts afresh; a run folder that lost its manifest is not nested into, and one that
// says it completed but lost trials runs them again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../../src/core/runs/manifestFile';
import { MANIFEST_FILE, TRIALS_FILE } from '../../src/core/runs/runFolder';
import { readTrialLog } from '../../src/core/runs/trialLog';
import type { RunEvent } from '../../src/shared/protocol';
import { trialKey, type TrialRecord } from '../../src/shared/trialRecord';
import { LASTING_RUN, LASTING_RUN_TRAININGS, temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { assertCleanMessage, lthChild, lthInProcess } from './support';

function startedIn(events: RunEvent[]): string {
  const started = events.find((event) => event.type === 'run-started');
  assert.ok(started?.type === 'run-started', 'the run started');
  return started.runDir;
}

function computed(events: RunEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'trial-completed' ? [trialKey(event.record)] : []));
}

test('the same command after kill -9, then after Ctrl-C, continues the same folder; once complete it runs nothing; --new starts afresh', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir, LASTING_RUN);
  const out = join(dir, 'runs');
  const command = ['run', configPath, '--out', out, '--workers', '1', '--events', 'json'];

  const killed = await lthChild(command, { onEvent: (event, child) => event.type === 'trial-completed' && event.completedTrials === 5 && child.kill('SIGKILL') });
  assert.equal(killed.signal, 'SIGKILL');
  const runDir = startedIn(killed.events);
  const afterKill = readTrialLog(runDir).records.map(trialKey);

  const interrupted = await lthChild(command, { onEvent: (event, child) => event.type === 'trial-completed' && event.completedTrials === afterKill.length + 3 && child.kill('SIGINT') });
  assert.equal(interrupted.code, 130, interrupted.stderr);
  assert.equal(startedIn(interrupted.events), runDir, 'the killed run was continued, not a new folder started');
  assert.ok(interrupted.events.some((event) => event.type === 'log' && event.message === `continuing the unfinished run of the same config in ${runDir} (running); --new starts a new folder`));
  assert.ok(computed(interrupted.events).every((key) => !afterKill.includes(key)), 'nothing on disk was computed again');
  assert.equal(readManifest(runDir).status, 'cancelled');
  const afterInterrupt = readTrialLog(runDir).records.map(trialKey);

  const finished = await lthChild(command);
  assert.equal(finished.code, 0, finished.stderr);
  assert.equal(startedIn(finished.events), runDir, 'the cancelled run was continued');
  assert.ok(computed(finished.events).every((key) => !afterInterrupt.includes(key)), 'nothing on disk was computed again');
  const keys = readTrialLog(runDir).records.map(trialKey);
  assert.equal(keys.length, LASTING_RUN_TRAININGS);
  assert.equal(new Set(keys).size, LASTING_RUN_TRAININGS, 'each trial once');
  assert.deepEqual(readdirSync(join(out, 'tiny')), [runDir.split(/[/\\]/).pop()], 'one folder for the three runs');

  const manifestBytes = readFileSync(join(runDir, MANIFEST_FILE));
  const trialBytes = readFileSync(join(runDir, TRIALS_FILE));
  const again = await lthChild(command.filter((argument) => argument !== '--events' && argument !== 'json'));
  assert.equal(again.code, 0, again.stderr);
  assertCleanMessage(again.stderr, `Already completed (${LASTING_RUN_TRAININGS}/${LASTING_RUN_TRAININGS} trials), nothing to run. Results: ${runDir}`, '--new');
  assert.deepEqual(readFileSync(join(runDir, MANIFEST_FILE)), manifestBytes, 'a completed run folder is not touched');
  assert.deepEqual(readFileSync(join(runDir, TRIALS_FILE)), trialBytes);
  assert.equal(readdirSync(join(out, 'tiny')).length, 1, 'no new folder');

  const fresh = await lthChild([...command, '--new', '--workers', '2']);
  assert.equal(fresh.code, 0, fresh.stderr);
  const freshDir = startedIn(fresh.events);
  assert.notEqual(freshDir, runDir);
  assert.equal(computed(fresh.events).length, LASTING_RUN_TRAININGS, '--new reruns everything');
  assert.deepEqual(readFileSync(join(runDir, TRIALS_FILE)), trialBytes, 'the earlier run is untouched');
});

test('--new with --resume, or with --out naming a run folder, is a usage error', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir);
  const first = await lthInProcess(['run', configPath, '--out', join(dir, 'runs'), '--events', 'json']);
  const runDir = startedIn(first.events);
  const both = await lthInProcess(['run', configPath, '--new', '--resume', runDir]);
  assert.equal(both.code, 2);
  assertCleanMessage(both.stderr, '--new starts a new run folder and --resume continues one');
  const intoRun = await lthInProcess(['run', configPath, '--new', '--out', runDir]);
  assert.equal(intoRun.code, 2);
  assertCleanMessage(intoRun.stderr, `${runDir} is itself a run folder`);
});

test('--out naming a run folder whose manifest was deleted is refused, saying what the folder is and what to do', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir);
  const first = await lthInProcess(['run', configPath, '--out', join(dir, 'runs'), '--events', 'json']);
  const runDir = startedIn(first.events);
  rmSync(join(runDir, MANIFEST_FILE));
  const trials = readFileSync(join(runDir, TRIALS_FILE));

  const refused = await lthInProcess(['run', configPath, '--out', runDir]);
  assert.equal(refused.code, 1);
  assertCleanMessage(refused.stderr, `${runDir} holds trials.jsonl but no manifest.json`, 'a new run would be nested inside it', `restore its manifest.json`, `give --out a folder of runs (such as ${join(dir, 'runs')})`);
  assert.deepEqual(readdirSync(runDir), [TRIALS_FILE], 'nothing nested, nothing added');
  assert.deepEqual(readFileSync(join(runDir, TRIALS_FILE)), trials);
});

test('the rule is per config and per shard: another config or shard under the same --out gets its own folder', async () => {
  const dir = temporaryDir();
  const out = join(dir, 'runs');
  const configPath = writeTinyExperiment(dir);
  const whole = startedIn((await lthInProcess(['run', configPath, '--out', out, '--events', 'json'])).events);
  const shard = await lthInProcess(['run', configPath, '--out', out, '--shard', '1/2', '--events', 'json']);
  assert.equal(shard.code, 0, shard.stderr);
  assert.notEqual(startedIn(shard.events), whole, 'a shard is not the whole sweep');
  const shardAgain = await lthInProcess(['run', configPath, '--out', out, '--shard', '1/2', '--events', 'json']);
  assert.equal(startedIn(shardAgain.events), startedIn(shard.events), 'the same shard is found again');
  assert.equal(computed(shardAgain.events).length, 0);
  writeTinyExperiment(dir, { seed: 8 }); // same name, other trials
  const other = await lthInProcess(['run', configPath, '--out', out, '--events', 'json']);
  assert.equal(computed(other.events).length, 8, 'a changed config runs in a new folder');
  assert.equal(readdirSync(join(out, 'tiny')).length, 3);
});

test('a completed run whose trials file lost lines since runs the missing trials again (saying so), and only those', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir);
  const command = ['run', configPath, '--out', join(dir, 'runs'), '--events', 'json'];
  const runDir = startedIn((await lthInProcess(command)).events);
  const trialsPath = join(runDir, TRIALS_FILE);
  const lines = readFileSync(trialsPath, 'utf8').trim().split('\n');
  const kept = lines.filter((_, index) => index % 3 !== 1); // 3 of the 8 lines are lost
  writeFileSync(trialsPath, `${kept.join('\n')}\n`);
  const lost = lines.filter((line) => !kept.includes(line)).map((line) => trialKey(JSON.parse(line) as TrialRecord));

  const again = await lthInProcess(command);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(startedIn(again.events), runDir);
  const warning = again.events.find((event) => event.type === 'log' && event.level === 'warn');
  assert.ok(warning?.type === 'log');
  assertCleanMessage(warning.message, `${runDir} says it completed, but only 5 of its 8 trials are in ${TRIALS_FILE}`, 'running the missing ones');
  assert.deepEqual(computed(again.events).sort(), [...lost].sort(), 'exactly the lost trials ran');
  assert.equal(readTrialLog(runDir).records.length, 8);
  assert.equal(readManifest(runDir).status, 'completed');
});
