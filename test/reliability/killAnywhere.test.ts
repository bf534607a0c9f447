// Kill -9 at seeded random moments (while starting, while training, while appending records,
// after the last trial) and then the same command again, until it completes: no trial reported
// by any run is lost, none is computed twice, and the records equal those of a run never
// interrupted. Between kills the test also leaves what a kill inside a write would leave (half a
// record line, a half-written manifest temp file), which the run must step over.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { runExperiment } from '../../src/core/execution/runExperiment';
import { readManifest } from '../../src/core/runs/manifestFile';
import { MANIFEST_FILE, TRIALS_FILE } from '../../src/core/runs/runFolder';
import { readTrialLog } from '../../src/core/runs/trialLog';
import { RandomStream } from '../../src/core/random/randomStream';
import { trialKey, type TrialRecord } from '../../src/shared/trialRecord';
import { temporaryDir, writeTinyExperiment } from '../unit/execution/fixtures/tinyExperiment';
import { lthChild } from './support';

/** 4 cells × 6 trials of ~20 ms: long enough to be killed at many points, short enough for this tier. */
const SWEEP = { trials: 6, training: { init: 'near', initDistance: 0.2, stepSize: 0.001, maxIterations: 60000, tolerance: 0, curvePoints: 5 } };
const TRAININGS = 24;
const KILLS = 6;
const SEED = 20261206;

/** A record without its wall-clock time, the one field that differs between two runs of the same trial. */
function measured(record: TrialRecord): Omit<TrialRecord, 'seconds'> {
  const { seconds: _seconds, ...rest } = record as TrialRecord & { seconds?: number };
  return rest;
}

function byKey(records: TrialRecord[]): Map<string, Omit<TrialRecord, 'seconds'>> {
  return new Map(records.map((record) => [trialKey(record), measured(record)]));
}

/** The run folders (with a manifest) under `out`; folders a kill left before their manifest hold no trials. */
function runFolders(out: string): string[] {
  const parent = join(out, 'tiny');
  if (!existsSync(parent)) return [];
  const folders = readdirSync(parent).map((name) => join(parent, name));
  for (const folder of folders.filter((folder) => !existsSync(join(folder, MANIFEST_FILE)))) {
    assert.equal(existsSync(join(folder, TRIALS_FILE)), false, `${folder} has trials but no manifest`);
  }
  return folders.filter((folder) => existsSync(join(folder, MANIFEST_FILE)));
}

test(`kill -9 at ${KILLS} seeded random moments, the same command after each: nothing lost, nothing recomputed, records as uninterrupted`, async () => {
  const referenceDir = temporaryDir('lth-kill-reference-');
  const reference = await runExperiment({ configPath: writeTinyExperiment(referenceDir, SWEEP), outDir: join(referenceDir, 'runs'), workers: 1, durable: false }, () => {});
  assert.equal(reference.status, 'completed');
  const expected = byKey(readTrialLog(reference.runDir).records);
  assert.equal(expected.size, TRAININGS);

  const dir = temporaryDir('lth-kill-');
  const out = join(dir, 'runs');
  const command = ['run', writeTinyExperiment(dir, SWEEP), '--out', out, '--workers', '2', '--events', 'json'];
  const random = new RandomStream(SEED);
  const reportedEver = new Set<string>();
  let trainings = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    const [folderBefore] = runFolders(out);
    const onDiskBefore = new Set(folderBefore ? readTrialLog(folderBefore).records.map(trialKey) : []);
    // Where to kill, seeded: while starting (tsx, the config, the folder and its lock), a few
    // milliseconds after a random trial was reported (records being appended and synced), or
    // right after the last one (before the final manifest is written).
    const choice = random.nextFloat();
    const moment =
      choice < 0.25
        ? { after: 'spawn', delayMs: Math.round(random.nextFloat() * 600) }
        : choice < 0.85
          ? { after: 'trial', trials: onDiskBefore.size + 1 + Math.floor(random.nextFloat() * 6), delayMs: Math.round(random.nextFloat() * 20) }
          : { after: 'last trial', trials: TRAININGS, delayMs: 0 };
    let timer: NodeJS.Timeout | undefined;
    const killLater = (child: ReturnType<typeof spawn>, delayMs: number) => (timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs));
    const result = await lthChild(command, {
      onSpawn: (child) => moment.after === 'spawn' && killLater(child, moment.delayMs),
      onEvent: (event, child) => {
        if (moment.after !== 'spawn' && event.type === 'trial-completed' && event.completedTrials >= (moment.trials ?? 0)) killLater(child, moment.delayMs);
      },
    });
    clearTimeout(timer);
    const reported = result.events.flatMap((event) => (event.type === 'trial-completed' ? [trialKey(event.record)] : []));
    trainings += reported.length;
    for (const key of reported) {
      assert.equal(onDiskBefore.has(key), false, `kill ${kill}: ${key} was on disk and computed again`);
      assert.equal(reportedEver.has(key), false, `kill ${kill}: ${key} computed twice`);
      reportedEver.add(key);
    }
    const folders = runFolders(out);
    assert.ok(folders.length <= 1, `kill ${kill}: one run folder, continued each time (${folders.join(', ')})`);
    if (folders.length === 0) continue; // killed before its folder had a manifest
    const onDisk = readTrialLog(folders[0]);
    const keys = onDisk.records.map(trialKey);
    assert.equal(new Set(keys).size, keys.length, `kill ${kill}: no trial twice on disk`);
    for (const key of reported) assert.ok(keys.includes(key), `kill ${kill}: reported ${key} is on disk`);
    for (const record of onDisk.records) assert.deepEqual(measured(record), expected.get(trialKey(record)), `kill ${kill}: ${trialKey(record)} as uninterrupted`);
    // It finished before the kill, or was killed after the run completed: no write was in flight.
    if (result.signal !== 'SIGKILL' || readManifest(folders[0]).status === 'completed') continue;
    // What a kill inside a write leaves: half a record line (an append cut short) and half a manifest temp file.
    if (random.nextFloat() < 0.5 && onDisk.records.length > 0) {
      const line = JSON.stringify(onDisk.records[0]);
      appendFileSync(join(folders[0], TRIALS_FILE), line.slice(0, Math.floor(line.length / 2)));
    } else {
      writeFileSync(join(folders[0], `.${MANIFEST_FILE}.999999999.tmp`), readFileSync(join(folders[0], MANIFEST_FILE), 'utf8').slice(0, 100));
    }
  }

  const [folderBefore] = runFolders(out);
  const onDiskBefore = new Set(folderBefore ? readTrialLog(folderBefore).records.map(trialKey) : []);
  const last = await lthChild(command);
  assert.equal(last.code, 0, last.stderr);
  const reported = last.events.flatMap((event) => (event.type === 'trial-completed' ? [trialKey(event.record)] : []));
  trainings += reported.length;
  for (const key of reported) assert.ok(!onDiskBefore.has(key) && !reportedEver.has(key), `${key} computed again`);
  const [runDir] = runFolders(out);
  const final = readTrialLog(runDir);
  assert.equal(final.tornLines, 0);
  assert.deepEqual(byKey(final.records), expected, 'the records of an uninterrupted run');
  assert.equal(final.records.length, TRAININGS, 'each trial once');
  assert.ok(trainings <= TRAININGS, `${trainings} trainings reported for ${TRAININGS} trials`);
  assert.deepEqual(readdirSync(runDir).filter((name) => name.endsWith('.tmp')), [], 'no temp file left');
});
