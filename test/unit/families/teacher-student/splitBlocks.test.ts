// Sample splitting's block count B (training.splitBlocks): a setting whose default, "auto", is the
// rule B = clamp(floor(N / (4m)), 1, 8); checked with located problems, recorded in the resolved
// experiment when given and in every record of a "split" run, and hashed like before when unset.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseExperimentText } from '../../../../src/core/config/parseExperimentText';
import { resolveExperiment } from '../../../../src/core/config/resolveExperiment';
import { runExperiment } from '../../../../src/core/execution/runExperiment';
import { experimentHash } from '../../../../src/core/sweep/experimentHash';
import { runTrial } from '../../../../src/core/families/teacher-student/training/runTrial';
import { assertAt, onlyProblem } from '../../config/problemTestHelpers';
import { smallSpec } from '../../numerics/support';

// Momentum 0: the default 0.5 saturates the rate on this small config, a note these tests do not count.
const text = (training: Record<string, unknown>, samples: unknown = 400): string =>
  JSON.stringify({ kind: 'teacher-student', teacher: { inputDim: 20, hiddenUnits: 2, nonzerosPerNeuron: 5 }, samples, training: { momentum: 0, ...training } }, null, 2);

describe('training.splitBlocks', () => {
  it('is "auto" by default, and "auto" resolves and hashes like a file from before the setting', () => {
    const unset = resolveExperiment(JSON.parse(text({ batch: 'split' })), 'x.lth.json');
    const auto = resolveExperiment(JSON.parse(text({ batch: 'split', splitBlocks: 'auto' })), 'x.lth.json');
    assert.equal('splitBlocks' in unset, false, 'nothing new in the resolved experiment');
    assert.equal(experimentHash(auto), experimentHash(unset));
    const given = resolveExperiment(JSON.parse(text({ batch: 'split', splitBlocks: 3 })), 'x.lth.json');
    assert.equal((given as unknown as { splitBlocks: number }).splitBlocks, 3);
    assert.notEqual(experimentHash(given), experimentHash(unset));
  });

  it('rejects more blocks than the smallest N of the sweep, at the value', () => {
    const file = text({ batch: 'split', splitBlocks: 50 }, [400, 40]);
    const problem = onlyProblem(file);
    assert.equal(problem.path, 'training.splitBlocks');
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /50 blocks .* samples 40/);
    assertAt(problem, file, '50');
  });

  it('warns when it is ignored (batch not "split") or leaves blocks smaller than a mask row', () => {
    const problem = onlyProblem(text({ splitBlocks: 3 }));
    assert.equal(problem.path, 'training.splitBlocks');
    assert.equal(problem.severity, 'warning');
    assert.match(problem.message, /ignored.*"split"/);
    assert.equal(parseExperimentText(text({ splitBlocks: 0 }), 'x.lth.json').ok, false, 'a count below 1 is a schema error');
    // 40 samples in 10 blocks of 4, for rows of 5 weights.
    const few = onlyProblem(text({ batch: 'split', splitBlocks: 10 }, 40));
    assert.equal(few.severity, 'warning');
    assert.match(few.message, /blocks of 4 samples .* fewer than the 5 weights/);
    assert.equal(parseExperimentText(text({ batch: 'split', splitBlocks: 8 }), 'x.lth.json').problems.length, 0, '400 samples in 8 blocks of 50: no problem');
  });

  it('sets the block count a trial uses, and the trial reports it', () => {
    const split = smallSpec({ batch: 'split', samples: 400, maxIterations: 40 });
    // The rule: m = 5 weights per row, floor(400 / 20) = 20 -> at most 8 blocks.
    assert.equal(runTrial(split).splitBlocks, 8);
    const three = runTrial({ ...split, splitBlocks: 3 });
    assert.equal(three.splitBlocks, 3);
    assert.notDeepEqual(three.curve, runTrial(split).curve, 'another block count is another descent');
    assert.equal('splitBlocks' in runTrial(smallSpec({ maxIterations: 40 })), false, 'a full-batch trial has no blocks');
  });

  it('is recorded in the manifest and in every record of a run', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'lth-split-blocks-'));
    try {
      const configPath = join(outDir, 'split.lth.json');
      writeFileSync(configPath, JSON.stringify({ ...JSON.parse(text({ batch: 'split', splitBlocks: 2, maxIterations: 20 }, [40, 80])), trials: 2, evaluation: { testSamples: 100 } }));
      const outcome = await runExperiment({ configPath, outDir, workers: 1, durable: false }, () => {});
      assert.equal(outcome.status, 'completed', outcome.message);
      const manifest = JSON.parse(readFileSync(join(outcome.runDir, 'manifest.json'), 'utf8'));
      assert.equal(manifest.resolved.splitBlocks, 2);
      const records = readFileSync(join(outcome.runDir, 'trials.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(records.length, 4);
      for (const record of records) assert.equal(record.splitBlocks, 2, record.cell);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
