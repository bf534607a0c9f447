// The presets in examples/ (paper.md §4): each is a complete, warning-free experiment file that
// says what it should show, and the two whose claims issue 2 names actually show them when
// run through the real engine: the phase boundary is a line in r, and smaller r converges faster.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { summarizeSweep } from '../../../src/core/analysis/sweepSummary';
import { describe as describeValues } from '../../../src/core/analysis/statistics';
import { formatProblem } from '../../../src/core/config/experimentProblem';
import { loadExperimentFile } from '../../../src/core/config/loadExperimentFile';
import { runExperiment } from '../../../src/core/execution/runExperiment';
import { teacherStudentFamily } from '../../../src/core/families/teacher-student/family';
import type { PhaseBoundary } from '../../../src/core/families/teacher-student/phaseBoundary';
import type { TrialRecord } from '../../../src/core/families/teacher-student/types';
import { readTrialLog } from '../../../src/core/runs/trialLog';

const examplesFolder = join(__dirname, '..', '..', '..', 'examples');
const presetFiles = readdirSync(examplesFolder).filter((name) => name.endsWith('.lth.json')).sort();

/** One preset per experiment of paper.md §4 that the teacher–student engine can run. */
const REQUIRED_PRESETS = ['phase-transition', 'sample-complexity', 'convergence-vs-pruning', 'agd-vs-gd', 'noise', 'inaccurate-mask', 'magnitude-pruning', 'convex-region'];

describe('examples/*.lth.json', () => {
  it('hold a preset for each teacher–student experiment of paper.md §4', () => {
    for (const preset of REQUIRED_PRESETS) assert.ok(presetFiles.includes(`${preset}.lth.json`), `examples/${preset}.lth.json is missing`);
  });

  for (const fileName of presetFiles) {
    it(`${fileName}: valid without warnings, named after its file, documented, linked to the schema`, async () => {
      const path = join(examplesFolder, fileName);
      const result = await loadExperimentFile(path);
      assert.equal(result.problems.length, 0, result.problems.map((problem) => formatProblem(path, problem)).join('\n'));
      assert.ok(result.ok);
      assert.equal(result.experiment.name, fileName.replace(/\.lth\.json$/, ''));
      assert.ok((result.experiment.description ?? '').length > 20, 'a description saying what the preset shows');
      // The editor's schema: documentation and completion, while LTH Lab reports each mistake once.
      assert.equal(result.file.$schema, '../schemas/lth.editor.schema.json');
      assert.ok(existsSync(join(examplesFolder, result.file.$schema)), 'the schema path resolves from examples/');
      const text = readFileSync(path, 'utf8');
      assert.match(text, /^\/\/ \S/, 'a leading comment saying what the preset should show and why');
      assert.match(text, /\d+(\.\d+)? s\b/, 'the leading comment gives the measured run time');
      assert.match(text, /What to look for:/, 'the leading comment tells the user what to look for');
      // Written for the user: no internal documents, issues or notes about our machines.
      assert.doesNotMatch(text, /paper\.md|§|issue \d|notes\/|EPYC|dev machine|open_lth/i);
    });
  }
});

/** Runs a preset as shipped on 2 workers into a temporary folder and returns its records. */
async function runPreset(preset: string): Promise<TrialRecord[]> {
  const outDir = mkdtempSync(join(tmpdir(), `lth-preset-${preset}-`));
  const configPath = join(examplesFolder, `${preset}.lth.json`);
  try {
    const outcome = await runExperiment({ configPath, outDir, workers: 2, durable: false }, () => {});
    assert.equal(outcome.status, 'completed', outcome.message);
    return readTrialLog(outcome.runDir).records as TrialRecord[];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

describe('presets show their claims (issue 2, "done when"; issue 9 §1)', () => {
  it('phase-transition: the boundary N*(r) is crossed at every r and is a straight line (R² ≥ 0.9)', async () => {
    const records = await runPreset('phase-transition');
    const boundary = summarizeSweep(teacherStudentFamily, records).phaseBoundary as PhaseBoundary | null;
    assert.ok(boundary, 'the preset sweeps both samples and nonzerosPerNeuron');
    const uncrossed = boundary.crossings.filter((crossing) => crossing.status !== 'crossed');
    assert.deepEqual(uncrossed, [], 'the N grid brackets the boundary at every r');
    assert.ok(boundary.fit, 'a fit through the crossings');
    assert.equal(boundary.fit.points, boundary.crossings.length);
    assert.ok(boundary.fit.slope > 0, `N* grows with r (slope ${boundary.fit.slope})`);
    assert.ok(boundary.fit.rSquared >= 0.9, `R² = ${boundary.fit.rSquared}, expected ≥ 0.9`);
  });

  it('convergence-vs-pruning: every trial recovers W*, and the median rate strictly improves as r shrinks', async () => {
    const records = await runPreset('convergence-vs-pruning');
    const failed = records.filter((record) => !record.success || record.convergenceRate === null);
    assert.deepEqual(
      failed.map((record) => `r=${record.nonzerosPerNeuron} trial ${record.trial}`),
      [],
      'every r has enough samples to converge',
    );
    const rValues = [...new Set(records.map((record) => record.nonzerosPerNeuron))].sort((left, right) => left - right);
    assert.ok(rValues.length >= 4, 'the preset sweeps r');
    const medianRates = rValues.map(
      (r) => describeValues(records.filter((record) => record.nonzerosPerNeuron === r).map((record) => record.convergenceRate)).median,
    );
    for (let index = 1; index < rValues.length; index++) {
      assert.ok(
        medianRates[index - 1] < medianRates[index],
        `median rate at r=${rValues[index - 1]} (${medianRates[index - 1]}) should be below that at r=${rValues[index]} (${medianRates[index]})`,
      );
    }
  });

  it('convex-region (issue 9 §1): at every N the median radius never grows with r and λ_min is higher at the smallest r than at the largest', async () => {
    const records = (await runPreset('convex-region')) as unknown as Array<Record<string, number>>;
    const median = (samples: number, r: number, metric: string) =>
      describeValues(records.filter((record) => record.samples === samples && record.nonzerosPerNeuron === r).map((record) => record[metric])).median;
    const axis = (name: string) => [...new Set(records.map((record) => record[name]))].sort((left, right) => left - right);
    const [rValues, nValues] = [axis('nonzerosPerNeuron'), axis('samples')];
    assert.ok(rValues.length >= 4 && nValues.length >= 2, 'the preset sweeps r and N');
    for (const samples of nValues) {
      const radii = rValues.map((r) => median(samples, r, 'convexRadiusMedian'));
      for (let index = 1; index < radii.length; index++) assert.ok(radii[index - 1] >= radii[index], `N=${samples}: radius vs r ${radii.join(', ')}`);
      assert.ok(radii[0] > radii[radii.length - 1], `N=${samples}: the smallest r has the larger radius (${radii.join(', ')})`);
      const [smallest, largest] = [rValues[0], rValues[rValues.length - 1]].map((r) => median(samples, r, 'hessianMinEigenvalue'));
      assert.ok(smallest > largest, `N=${samples}: λ_min ${smallest} at r=${rValues[0]}, ${largest} at r=${rValues[rValues.length - 1]}`);
    }
  });
});

describe('magnitude-pruning preset (issue 9 §2)', () => {
  it('recovers the support at the largest N for every r, misses positions at the smallest, and finds the ticket before the dense student learns W* at the smallest r', async () => {
    const records = await runPreset('magnitude-pruning');
    const values = (field: 'nonzerosPerNeuron' | 'samples') => [...new Set(records.map((record) => record[field]))].sort((left, right) => left - right);
    const cell = (r: number, samples: number) => records.filter((record) => record.nonzerosPerNeuron === r && record.samples === samples);
    const medianRecall = (r: number, samples: number) => describeValues(cell(r, samples).map((record) => record.maskRecall as number)).median;
    const [smallestN, largestN] = [values('samples')[0], values('samples').at(-1) as number];
    for (const r of values('nonzerosPerNeuron')) {
      assert.equal(medianRecall(r, largestN), 1, `r = ${r}, N = ${largestN}`);
      assert.ok(medianRecall(r, smallestN) < 1, `r = ${r}, N = ${smallestN}: median recall ${medianRecall(r, smallestN)}`);
    }
    assert.deepEqual(records.filter((record) => !record.oracleMask?.success).map((record) => `r=${record.nonzerosPerNeuron} N=${record.samples} trial ${record.trial}`), [], 'the oracle mask learns W* everywhere');
    const smallestR = values('nonzerosPerNeuron')[0];
    const ticketFirst = values('samples').filter((samples) => {
      const trials = cell(smallestR, samples);
      return trials.filter((record) => record.success).length > trials.length / 2 && trials.every((record) => !record.densePhase?.success);
    });
    assert.ok(ticketFirst.length > 0, `r = ${smallestR}: an N where most found masks recover W* and no dense student does`);
  });
});
