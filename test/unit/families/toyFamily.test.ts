// A kind that lives only in test/unit/families/toy-family and is registered here: parsing, the
// run, its folder, `lth summarize --json` and the chart plan all reach it through the registry,
// with no edit anywhere else (issue 7's "done when").
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/cli/main';
import { axisValues } from '../../../src/core/analysis/seriesAxes';
import { parseExperimentText } from '../../../src/core/config/parseExperimentText';
import { runExperiment } from '../../../src/core/execution/runExperiment';
import { familyKinds, registerFamily } from '../../../src/core/families/registry';
import { readRunFolder } from '../../../src/core/runs/runReader';
import { bufferIo } from '../cli/bufferIo';
import { temporaryDir } from '../execution/fixtures/tinyExperiment';
import { toyFamily, toyLoss } from './toy-family/family';

registerFamily(toyFamily);
const toyWorker = join(__dirname, 'toy-family', 'worker.ts');

function writeToy(text: string): string {
  const path = join(temporaryDir(), 'toy.lth.json');
  writeFileSync(path, text);
  return path;
}

test('a registered kind is validated by its own schema and checks, with locations', () => {
  assert.deepEqual(familyKinds(), ['teacher-student', 'lottery-ticket', 'toy']);
  const valid = parseExperimentText('{ "kind": "toy", "width": [3, 1] }', 'toy.lth.json');
  assert.ok(valid.ok);
  assert.deepEqual(valid.experiment, { kind: 'toy', name: 'toy', seed: 1, trials: 2, axes: { width: [3, 1] }, links: 1, partMs: 0 });
  const wrongType = parseExperimentText('{ "kind": "toy",\n  "width": "wide" }', 'toy.lth.json');
  assert.ok(!wrongType.ok);
  assert.equal(wrongType.problems[0].line, 2);
  const tooMany = parseExperimentText('{ "kind": "toy", "width": 1, "trials": 5 }', 'toy.lth.json');
  assert.ok(!tooMany.ok);
  assert.match(tooMany.problems[0].message, /at most 3 trials/);
  const unknown = parseExperimentText('{ "kind": "toys" }', 'toy.lth.json');
  assert.ok(!unknown.ok);
  assert.match(unknown.problems[0].message, /"toy"/, 'the kind error lists the registered kinds');
});

test('a registered kind runs end to end: records, run folder, summarize --json, chart plan', async () => {
  const configPath = writeToy('{ "kind": "toy", "name": "toy-run", "seed": 5, "width": [1, 2, 3], "trials": 2 }');
  const outcome = await runExperiment({ configPath, outDir: join(temporaryDir(), 'runs'), workers: 2, workerScript: toyWorker }, () => {});
  assert.equal(outcome.status, 'completed', outcome.message);

  const run = readRunFolder(outcome.runDir);
  assert.equal(run.manifest.kind, 'toy');
  assert.deepEqual(run.manifest.resolved, { kind: 'toy', name: 'toy-run', seed: 5, trials: 2, axes: { width: [1, 2, 3] }, links: 1, partMs: 0 });
  assert.equal(run.records.length, 6);
  for (const record of run.records) {
    const width = record.width as number;
    assert.equal(record.cell, `width=${width}`);
    assert.equal(record.widthSquared, width * width, 'the family adds its extras to each record');
    assert.equal(record.loss, toyLoss({ width, seed: record.seed }), 'the worker measured this trial');
  }

  const io = bufferIo();
  assert.equal(await main(['summarize', outcome.runDir, '--json'], io), 0, io.err());
  const summary = JSON.parse(io.out());
  assert.equal(summary.kind, 'toy');
  assert.deepEqual(summary.variedAxes, ['width']);
  assert.deepEqual(summary.cells.map((cell: { values: { width: number } }) => cell.values.width), [1, 2, 3]);
  for (const cell of summary.cells) {
    const losses = run.records.filter((record) => record.width === cell.values.width).map((record) => record.loss as number);
    assert.equal(cell.trials, 2);
    assert.equal(cell.loss.mean, (losses[0] + losses[1]) / 2);
  }

  const table = bufferIo();
  assert.equal(await main(['summarize', outcome.runDir], table), 0, table.err());
  assert.match(table.out(), /^\s*w\s+trials\s+mean/m, 'the table heads its axis column with the family\'s short name');

  const values = axisValues(toyFamily, run.records, run.manifest.resolved.axes);
  const [spec, ...more] = toyFamily.chartPlan(values, {});
  assert.equal(more.length, 0);
  const chart = toyFamily.buildChart(spec, run.records, 'loss', values);
  assert.ok(chart.kind === 'line');
  assert.equal(chart.title, 'Loss vs w');
  assert.deepEqual(chart.series[0].points.map((point) => [point.x, point.count]), [[1, 2], [2, 2], [3, 2]]);
});

test('a trial with parts appends each part as it finishes, and a cancelled chain resumes after its last part on disk', async () => {
  const configPath = writeToy('{ "kind": "toy", "name": "chain", "width": [1, 2], "trials": 2, "links": 4, "partMs": 40 }');
  const outDir = join(temporaryDir(), 'runs');
  const abort = new AbortController();
  const first = await runExperiment({ configPath, outDir, workers: 2, workerScript: toyWorker }, (event) => {
    if (event.type === 'trial-completed' && event.completedTrials === 5) abort.abort();
  }, abort.signal);
  assert.equal(first.status, 'cancelled');
  assert.equal(first.totalTrials, 2 * 2 * 4, 'progress counts records: trials × parts');
  const cut = readRunFolder(first.runDir).records;
  assert.ok(cut.length >= 5 && cut.length < 16, `${cut.length} records before the cancel`);
  const chainCut = cut.some((record) => record.part !== 3);
  assert.ok(chainCut, 'some chain was cut mid-way');

  const second = await runExperiment({ configPath, outDir: first.runDir, workers: 2, workerScript: toyWorker }, () => {});
  assert.equal(second.status, 'completed', second.message);
  const records = readRunFolder(first.runDir).records;
  assert.equal(records.length, 16, 'every part once: nothing on disk was recomputed');
  assert.deepEqual(records.slice(0, cut.length), cut, 'the records before the cancel are untouched');
  for (const record of records) {
    const width = record.width as number;
    const loss = toyLoss({ width, seed: record.seed });
    const part = record.part as number;
    assert.equal(record.link, part);
    const expected = Array.from({ length: part + 1 }, (_, link) => loss * (link + 1)).reduce((sum, value) => sum + value, 0);
    assert.ok(Math.abs((record.total as number) - expected) < 1e-9, `part ${part} of ${record.cell}#${record.trial} continued from the right artifact`);
  }
  assert.ok(records.some((record) => (record.resumedAt as number) > 0), 'some chain continued after its last part on disk');
});
