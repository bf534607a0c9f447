import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { TrialRecord } from '../../../src/core/families/teacher-student/types';
import { fakeRecord } from '../analysis/fakeRecord';
import { fakeManifest, makeRunFolder } from '../runs/fakeRunFolder';
import { temporaryDir } from '../execution/fixtures/tinyExperiment';
import { bufferIo } from './bufferIo';

const SLOPE = 10;
const INTERCEPT = 20;
const TRIALS = 4;

/**
 * A sweep whose boundary is exactly N* = 10 r + 20: for each r, every trial fails at half of N* and
 * succeeds at twice N*, so the crossing interpolated in log N is their geometric mean N*.
 */
function boundaryRecords(): TrialRecord[] {
  const records: TrialRecord[] = [];
  for (const r of [2, 4, 6]) {
    const critical = SLOPE * r + INTERCEPT;
    for (const samples of [critical / 2, critical * 2]) {
      for (let trial = 0; trial < TRIALS; trial++) {
        const success = samples > critical;
        records.push(fakeRecord({ samples, nonzerosPerNeuron: r, pruningRatio: 1 - r / 10, trial, success, relativeError: success ? 1e-9 : 0.1 + trial }));
      }
    }
  }
  return records;
}

async function summarize(argv: string[]) {
  const io = bufferIo();
  const code = await main(['summarize', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

test('summarize --json: per-cell statistics and the boundary fit recover the constructed line', async () => {
  const records = boundaryRecords();
  const runDir = makeRunFolder(join(temporaryDir(), 'run'), fakeManifest({ totalTrials: records.length, status: 'completed' }), records);
  const { code, out } = await summarize([runDir, '--json']);
  assert.equal(code, 0);
  const summary = JSON.parse(out);
  assert.equal(summary.trials, 24);
  assert.equal(summary.totalTrials, 24);
  assert.deepEqual(summary.variedAxes, ['samples', 'nonzerosPerNeuron']);
  assert.equal(summary.cells.length, 6);
  const failing = summary.cells.find((cell: { values: { samples: number; nonzerosPerNeuron: number } }) => cell.values.samples === 20 && cell.values.nonzerosPerNeuron === 2);
  assert.equal(failing.successRate, 0);
  assert.equal(failing.relativeError.mean, (0.1 + 1.1 + 2.1 + 3.1) / 4);
  assert.equal(failing.relativeError.max, 3.1);
  assert.deepEqual(failing.convergenceRate, { count: 4, median: 0.5, lowerQuartile: 0.5, upperQuartile: 0.5 });
  const fit = summary.phaseBoundary.fit;
  assert.ok(Math.abs(fit.slope - SLOPE) < 1e-9);
  assert.ok(Math.abs(fit.intercept - INTERCEPT) < 1e-8);
  assert.ok(Math.abs(fit.rSquared - 1) < 1e-12);
  const theory = summary.phaseBoundary.theory;
  assert.equal(theory.hiddenUnits, 5);
  assert.ok(theory.constantInterval.low <= theory.constant && theory.constant <= theory.constantInterval.high);
});

test('summarize: a table row per cell and the boundary in words', async () => {
  const records = boundaryRecords();
  const runDir = makeRunFolder(join(temporaryDir(), 'run'), fakeManifest({ totalTrials: 30, status: 'cancelled' }), records);
  const { code, out } = await summarize([runDir]);
  assert.equal(code, 0);
  assert.match(out, /cancelled, 24\/30 trials/);
  assert.match(out, /Trials: 24 of 30/);
  const header = out.split('\n').find((line) => /^\s*N\s+r\s+ratio\s+trials\s+success\s+mean/.test(line));
  assert.ok(header, 'the table has the axis, count and statistic columns');
  assert.match(out, /relative error/);
  assert.match(out, /generalization error/);
  assert.match(header, /median\s+q1\s+q3\s*$/, 'the rate as a median with its quartiles');
  // The cell (N = 20, r = 2): 4 trials, none succeeded.
  assert.match(out, /^\s*20\s+2\s+0\.8\s+4\s+0%/m);
  assert.match(out, /r = 4\s+N\* = 60\n/);
  assert.match(out, /a = 10, b = 20, R² = 1\.000 \(3 points\)/);
  // The theory's constant for the run's K (the default 5), with its interval, and each r's interval.
  assert.match(out, /^Theory N\* = c·r at K = 5: c = [\d.]+, 95% interval \[[\d.]+, [\d.]+\] \(bootstrap over trials, 200 resamplings, seed \d+\)/m);
  assert.match(out, /^ {2}95% intervals of N\*\(r\): r = 2 \[[\d.]+, [\d.]+\], r = 4 /m);
});

test('summarize: shard folders merge into the same cells as one folder', async () => {
  const records = boundaryRecords();
  const root = temporaryDir();
  const whole = makeRunFolder(join(root, 'whole'), fakeManifest({ totalTrials: 24 }), records);
  const first = makeRunFolder(join(root, 'shard1'), fakeManifest({ totalTrials: 12, shard: { index: 1, count: 2 } }), records.filter((_, index) => index % 2 === 0));
  const second = makeRunFolder(join(root, 'shard2'), fakeManifest({ totalTrials: 12, shard: { index: 2, count: 2 } }), records.filter((_, index) => index % 2 === 1));
  const merged = JSON.parse((await summarize([first, second, '--json'])).out);
  const single = JSON.parse((await summarize([whole, '--json'])).out);
  assert.deepEqual(merged.cells, single.cells);
  assert.deepEqual(merged.phaseBoundary, single.phaseBoundary);
  assert.equal(merged.totalTrials, 24);
  assert.equal(merged.runs.length, 2);
});

test('summarize: a sweep without both N and r says the boundary does not apply', async () => {
  const records = [fakeRecord({ samples: 10 }), fakeRecord({ samples: 20 })];
  const runDir = makeRunFolder(join(temporaryDir(), 'run'), fakeManifest(), records);
  const { out } = await summarize([runDir]);
  assert.match(out, /Phase boundary: not applicable/);
  assert.equal(JSON.parse((await summarize([runDir, '--json'])).out).phaseBoundary, null);
});

test('summarize: bad folders are clear errors (exit 1), no folder a usage error (exit 2)', async () => {
  const missing = await summarize([join(temporaryDir(), 'nothing')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /is neither a run folder \(it has no manifest\.json\) nor an experiment's folder of run folders/);
  const root = temporaryDir();
  const first = makeRunFolder(join(root, 'a'), fakeManifest(), []);
  const other = makeRunFolder(join(root, 'b'), fakeManifest({ configHash: 'b'.repeat(64) }), []);
  const mixed = await summarize([first, other]);
  assert.equal(mixed.code, 1);
  assert.match(mixed.err, /different configs/);
  const none = await summarize([]);
  assert.equal(none.code, 2);
  assert.match(none.err, /lth summarize: expected at least one RUN_DIR/);
});

test('summarize: mask recall (and precision in the JSON) for magnitude-pruning trials, and no such column without them', async () => {
  const magnitude = [0.5, 1].flatMap((maskRecall, index) =>
    [0, 1].map((trial) => fakeRecord({ samples: 100 * (index + 1), trial, maskRecall, maskPrecision: maskRecall / 2 })),
  );
  const runDir = makeRunFolder(join(temporaryDir(), 'run'), fakeManifest({ totalTrials: magnitude.length, status: 'completed' }), magnitude);
  const table = await summarize([runDir]);
  assert.match(table.out, /mask recall/);
  assert.match(table.out.split('\n').find((line) => /^\s*100\s/.test(line)) ?? '', /\s0\.5\s+0\.5\s+0\s+0\.5\s+0\.5$/);
  const cells = JSON.parse((await summarize([runDir, '--json'])).out).cells;
  assert.deepEqual(cells.map((cell: { maskPrecision: { mean: number } }) => cell.maskPrecision.mean), [0.25, 0.5]);

  const plainDir = makeRunFolder(join(temporaryDir(), 'run'), fakeManifest({ totalTrials: 24, status: 'completed' }), boundaryRecords());
  assert.doesNotMatch((await summarize([plainDir])).out, /mask recall/);
  assert.ok(!('maskRecall' in JSON.parse((await summarize([plainDir, '--json'])).out).cells[0]), 'the JSON of other runs is unchanged');
});
