// `lth run` as a real process (through tsx): killed with SIGKILL mid-run and resumed, and
// stopped with SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExperimentFile } from '../../../src/core/config/loadExperimentFile';
import { readManifest } from '../../../src/core/runs/manifestFile';
import { TRIALS_FILE } from '../../../src/core/runs/runFolder';
import { trialKey } from '../../../src/shared/trialRecord';
import { readTrialLog } from '../../../src/core/runs/trialLog';
import { axisNames } from '../../../src/core/families/experimentFamily';
import { familyOf } from '../../../src/core/families/registry';
import { listTrialJobs } from '../../../src/core/sweep/trialJobs';
import type { RunEvent } from '../../../src/shared/protocol';
import { LASTING_RUN, LASTING_RUN_TRAININGS, temporaryDir, writeTinyExperiment } from '../execution/fixtures/tinyExperiment';

const cliPath = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');

/** Starts `lth run` with --events json; `onEvent` sees each event as it arrives. */
function startRun(args: string[], onEvent: (event: RunEvent) => void = () => {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, 'run', ...args, '--events', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const events: RunEvent[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = stdout.split('\n');
    stdout = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as RunEvent;
      events.push(event);
      onEvent(event);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, events, exited };
}


function runDirOf(events: RunEvent[]): string {
  const started = events.find((event) => event.type === 'run-started');
  assert.ok(started?.type === 'run-started', 'the run started');
  return started.runDir;
}

test('after kill -9 mid-run the folder is readable and a re-run computes only what is missing', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir, LASTING_RUN);
  const first = startRun([configPath, '--out', join(dir, 'runs'), '--workers', '1'], (event) => {
    if (event.type === 'trial-completed' && event.completedTrials === 5) first.child.kill('SIGKILL');
  });
  const killed = await first.exited;
  assert.equal(killed.signal, 'SIGKILL');
  const runDir = runDirOf(first.events);
  assert.equal(readManifest(runDir).status, 'running', 'a killed run never got to finish its manifest');

  const bytes = readFileSync(join(runDir, TRIALS_FILE));
  const completeBytes = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
  const onDisk = readTrialLog(runDir).records.map(trialKey);
  assert.ok(onDisk.length >= 5 && onDisk.length < LASTING_RUN_TRAININGS, `${onDisk.length} trials on disk`);
  const reportedBeforeKill = first.events.filter((event) => event.type === 'trial-completed').map((event) => event.type === 'trial-completed' && trialKey(event.record));
  assert.ok(reportedBeforeKill.every((key) => onDisk.includes(key as string)), 'everything reported was on disk');

  const second = startRun([configPath, '--resume', runDir, '--workers', '2']);
  const resumed = await second.exited;
  assert.equal(resumed.code, 0, resumed.stderr);
  const started = second.events[0];
  assert.ok(started.type === 'run-started' && started.completedTrials === onDisk.length);
  const recomputed = second.events.flatMap((event) => (event.type === 'trial-completed' ? [trialKey(event.record)] : []));
  assert.ok(recomputed.every((key) => !onDisk.includes(key)), 'no trial that was on disk ran again');

  const after = readFileSync(join(runDir, TRIALS_FILE));
  assert.deepEqual(after.subarray(0, completeBytes.length), completeBytes, 'the lines on disk before the kill are untouched');
  const parsed = await loadExperimentFile(configPath);
  assert.ok(parsed.ok);
  const expected = listTrialJobs(axisNames(familyOf(parsed.experiment.kind)), parsed.experiment).map((job) => trialKey({ cell: job.cellKey, trial: job.trial }));
  const keys = readTrialLog(runDir).records.map(trialKey);
  assert.equal(keys.length, LASTING_RUN_TRAININGS);
  assert.equal(recomputed.length, LASTING_RUN_TRAININGS - onDisk.length);
  assert.deepEqual(new Set(keys), new Set(expected), 'the union is the whole sweep, each trial once');
  assert.equal(readManifest(runDir).status, 'completed');
});

test('SIGTERM stops the run cleanly: manifest cancelled, exit 143, where to resume', async () => {
  const dir = temporaryDir();
  const configPath = writeTinyExperiment(dir, LASTING_RUN);
  const run = startRun([configPath, '--out', join(dir, 'runs'), '--workers', '1'], (event) => {
    if (event.type === 'trial-completed' && event.completedTrials === 3) run.child.kill('SIGTERM');
  });
  const { code, stderr } = await run.exited;
  assert.equal(code, 143, stderr);
  const runDir = runDirOf(run.events);
  const finished = run.events[run.events.length - 1];
  assert.ok(finished.type === 'run-finished' && finished.status === 'cancelled');
  assert.equal(readManifest(runDir).status, 'cancelled');
  assert.equal(readTrialLog(runDir).records.length, finished.completedTrials);
  assert.ok(stderr.includes(`Results so far: ${runDir}`), stderr);
  assert.ok(stderr.includes(`Resume with: lth run ${configPath} --resume ${runDir}`), stderr);
});

test('a reader that closes the pipe early (lth summarize RUN | head) ends the command quietly, no stack trace', async () => {
  const runDir = join(__dirname, '..', '..', 'fixtures', 'runs', 'panel-phase', '2026-11-25T00-51-49Z');
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, 'summarize', runDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // closed before the command writes its first line
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('an adaptive sweep killed with SIGKILL in a later phase resumes with its decisions replayed and nothing recomputed', async () => {
  const dir = temporaryDir();
  const adaptive = {
    samples: { adaptive: { min: 20, max: 400, trials: 40, width: 0.2 } },
    trials: 4,
    teacher: { inputDim: 100, hiddenUnits: 5, nonzerosPerNeuron: [5, 10] },
    training: { init: 'near', initDistance: 0.3, maxIterations: 1000, curvePoints: 5 },
  };
  const configPath = writeTinyExperiment(dir, adaptive);
  const coarsePass = 2 * 4 * 4; // two r × four coarse N × four trials
  const first = startRun([configPath, '--out', join(dir, 'runs'), '--workers', '1'], (event) => {
    if (event.type === 'trial-completed' && event.completedTrials === coarsePass + 2) first.child.kill('SIGKILL');
  });
  assert.equal((await first.exited).signal, 'SIGKILL');
  const runDir = runDirOf(first.events);
  const onDisk = readTrialLog(runDir).records.map(trialKey);
  assert.ok(onDisk.length > coarsePass, `${onDisk.length} trials on disk: killed after the coarse pass`);

  const second = startRun([configPath, '--resume', runDir, '--workers', '2']);
  const resumed = await second.exited;
  assert.equal(resumed.code, 0, resumed.stderr);
  const recomputed = second.events.flatMap((event) => (event.type === 'trial-completed' ? [trialKey(event.record)] : []));
  assert.ok(recomputed.length > 0 && recomputed.every((key) => !onDisk.includes(key)), 'the rest ran, nothing on disk again');

  // The same records as a run never killed: the resumed run decided the same phases.
  const whole = startRun([configPath, '--out', join(dir, 'whole'), '--workers', '2']);
  assert.equal((await whole.exited).code, 0);
  const withoutTime = (folder: string) => readTrialLog(folder).records.map(({ seconds: _seconds, ...record }) => JSON.stringify(record)).sort();
  assert.deepEqual(withoutTime(runDir), withoutTime(runDirOf(whole.events)));
  assert.equal(readManifest(runDir).status, 'completed');
});
