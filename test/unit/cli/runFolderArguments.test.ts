// `lth summarize` and `lth report` take an experiment's folder of runs for its newest run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { fakeRecord } from '../analysis/fakeRecord';
import { fakeManifest, makeRunFolder } from '../runs/fakeRunFolder';
import { temporaryDir } from '../execution/fixtures/tinyExperiment';
import { bufferIo } from './bufferIo';

/** An experiment folder with an older run of 2 trials and a newer one of 3 (named so that folder order disagrees with start time). */
function experimentFolder(): { folder: string; newer: string } {
  const folder = join(temporaryDir(), 'runs', 'tiny');
  const records = (count: number) => Array.from({ length: count }, (_, trial) => fakeRecord({ samples: 40, nonzerosPerNeuron: 2, pruningRatio: 0.8, trial }));
  makeRunFolder(join(folder, 'z-older'), fakeManifest({ totalTrials: 2, status: 'completed', startedAt: '2025-01-01T00:00:00.000Z' }), records(2));
  const newer = makeRunFolder(join(folder, 'a-newer'), fakeManifest({ totalTrials: 3, status: 'completed', startedAt: '2025-02-01T00:00:00.000Z' }), records(3));
  return { folder, newer };
}

async function lth(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

test('summarize EXPERIMENT_FOLDER summarizes its newest run and says which', async () => {
  const { folder, newer } = experimentFolder();
  const result = await lth('summarize', folder, '--json');
  assert.equal(result.code, 0, result.err);
  assert.equal(JSON.parse(result.out).trials, 3, 'the newer run holds 3 trials');
  assert.ok(result.err.includes(`its newest run, ${newer}`), result.err);
});

test('summarize RUN_DIR still reads exactly that run, and says nothing about picking', async () => {
  const { folder } = experimentFolder();
  const result = await lth('summarize', join(folder, 'z-older'), '--json');
  assert.equal(result.code, 0, result.err);
  assert.equal(JSON.parse(result.out).trials, 2);
  assert.equal(result.err, '');
});

test('report EXPERIMENT_FOLDER writes the newest run\'s report into that run folder', async () => {
  const { folder, newer } = experimentFolder();
  const result = await lth('report', folder);
  assert.equal(result.code, 0, result.err);
  const outFile = join(newer, 'report.html');
  assert.equal(result.out.trim(), outFile);
  assert.ok(existsSync(outFile));
  assert.match(readFileSync(outFile, 'utf8'), /a-newer/);
  assert.ok(!readFileSync(outFile, 'utf8').includes('z-older'), 'only the newest run is in the report');
});

test('a folder that holds no runs, or a file, is refused with what was expected', async () => {
  const empty = join(temporaryDir(), 'empty');
  mkdirSync(empty);
  const file = join(empty, 'notes.txt');
  writeFileSync(file, 'x');
  for (const dir of [empty, file, join(empty, 'missing')]) {
    const result = await lth('summarize', dir);
    assert.equal(result.code, 1);
    assert.match(result.err, /is neither a run folder \(it has no manifest\.json\) nor an experiment's folder of run folders; expected e\.g\. \.lth\/runs\/<experiment>/);
    assert.doesNotMatch(result.err, /\n\s+at /, 'no stack trace');
  }
});
