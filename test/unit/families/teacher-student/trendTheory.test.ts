// The theory beside the rate and noise charts: the local Hessian's closed forms, the rate the
// chart draws for each measured line, and the noise term's fitted constant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrialRecord as AnyTrialRecord } from '../../../../src/shared/trialRecord';
import type { LineChartData } from '../../../../src/core/analysis/chartData';
import { teacherStudentFamily } from '../../../../src/core/families/teacher-student/family';
import { resolveTeacherStudent } from '../../../../src/core/families/teacher-student/resolve';
import type { ExperimentFile } from '../../../../src/core/families/teacher-student/schema';
import {
  divergentStepSize,
  heavyBallRate,
  populationCurvature,
  predictedRate,
  saturatingMomentum,
} from '../../../../src/core/families/teacher-student/theory/localHessian';
import { fitNoiseConstant } from '../../../../src/core/families/teacher-student/theory/trendTheory';
import { fakeRecord } from '../../analysis/fakeRecord';

const close = (actual: number, expected: number, tolerance = 1e-9) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

describe('local Hessian at W*', () => {
  it('has the closed-form spectrum of near-orthogonal rows', () => {
    close(populationCurvature(5).smallest, (0.5 - 1 / (2 * Math.PI)) / 25);
    close(populationCurvature(5).largest, (0.5 + 4 / (2 * Math.PI)) / 25);
    close(populationCurvature(1).smallest, 0.5);
  });

  it('gives heavy ball’s rate: 1 − ηλ without momentum, √β in the complex regime, ≥ 1 past the bound', () => {
    close(heavyBallRate(0.1, 0), 0.9);
    close(heavyBallRate(0.2, 0.5), Math.sqrt(0.5));
    assert.ok(heavyBallRate(2 * (1 + 0.5) + 0.01, 0.5) > 1);
    close(saturatingMomentum(0.25), 0.25);
    // Its stability edge is where the rate reaches 1.
    const edge = divergentStepSize(5, 0.5) * populationCurvature(5).largest;
    close(heavyBallRate(edge, 0.5), 1, 1e-6);
  });

  it('predicts slower rates for larger r at fixed N (claim 3), and no convergence once weights outnumber samples', () => {
    const settings = { hiddenUnits: 5, stepSize: 5 };
    const rates = [5, 10, 20, 40].map((r) => predictedRate(settings, 0.5, r, 400));
    for (let index = 1; index < rates.length; index++) assert.ok(rates[index] > rates[index - 1], rates.join(', '));
    // Measured at d = 100, K = 5, N = 400, init near (median of 3 trials): 0.927, 0.946, 0.971, 0.989.
    [0.927, 0.946, 0.971, 0.989].forEach((measured, index) => assert.ok(Math.abs(rates[index] - measured) < 0.015, `${rates[index]} vs ${measured}`));
    close(predictedRate(settings, 0.5, 100, 400), 1);
  });
});

describe('theory lines on the charts', () => {
  const experiment = resolveTeacherStudent({ kind: 'teacher-student', teacher: { nonzerosPerNeuron: [5, 10] }, samples: 400 } as ExperimentFile, 'rates');

  it('draws the predicted rate beside each measured line of the rate chart, at its points', () => {
    const records = [5, 10].flatMap((r) => [0, 1, 2].map((trial) => fakeRecord({ nonzerosPerNeuron: r, pruningRatio: 1 - r / 100, samples: 400, trial, convergenceRate: 0.9 }))) as unknown as AnyTrialRecord[];
    const values = { samples: [400], nonzerosPerNeuron: [5, 10], noiseStd: [0], momentum: [0.5], extraPerNeuron: [0], missingPerNeuron: [0], initDistance: [0.3] };
    const spec = teacherStudentFamily.chartPlan(values, {}).find((candidate) => candidate.id.startsWith('rate:'));
    assert.ok(spec);
    const chart = teacherStudentFamily.buildChart(spec, records, 'relativeError', values, experiment) as LineChartData;
    assert.ok(chart.theory, 'the rate chart has a theory');
    assert.deepEqual(chart.theory.lines.map((line) => line.key), chart.series.map((series) => series.key));
    const points = chart.theory.lines.flatMap((line) => line.points);
    assert.deepEqual(points.map((point) => point.x), [5, 10]);
    close(points.find((point) => point.x === 5)?.y as number, predictedRate(experiment, 0.5, 5, 400));
    assert.match(chart.theory.caption, /η = 5, K = 5; no constant fitted/);
    // Without the run's settings (K, η) there is no prediction to draw.
    assert.equal((teacherStudentFamily.buildChart(spec, records, 'relativeError', values) as LineChartData).theory, undefined);
  });

  it('fits the noise constant: error = C·σ·√(r/N), or its square for a generalization error', () => {
    const points = [0.1, 0.2, 0.4].flatMap((noiseStd) => [10, 40].map((r) => ({ noiseStd, nonzerosPerNeuron: r, samples: 1000, error: 3 * noiseStd * Math.sqrt(r / 1000) })));
    close(fitNoiseConstant(points, 1) as number, 3);
    const squared = points.map((point) => ({ ...point, error: 2 * (point.noiseStd * Math.sqrt(point.nonzerosPerNeuron / 1000)) ** 2 }));
    close(fitNoiseConstant(squared, 2) as number, 2);
    assert.equal(fitNoiseConstant(points.map((point) => ({ ...point, noiseStd: 0 })), 1), null, 'noiseless points say nothing of C');
  });

  it('draws the noise prediction on the error-vs-noise chart and says C', () => {
    const records = [0, 0.1, 0.2].flatMap((noiseStd) =>
      [5, 20].map((r) => fakeRecord({ noiseStd, nonzerosPerNeuron: r, samples: 500, relativeError: noiseStd === 0 ? 1e-12 : 2 * noiseStd * Math.sqrt(r / 500) })),
    ) as unknown as AnyTrialRecord[];
    const values = { samples: [500], nonzerosPerNeuron: [5, 20], noiseStd: [0, 0.1, 0.2], momentum: [0.5], extraPerNeuron: [0], missingPerNeuron: [0], initDistance: [0.3] };
    const spec = teacherStudentFamily.chartPlan(values, {}).find((candidate) => candidate.id === 'metric:noiseStd');
    assert.ok(spec);
    const chart = teacherStudentFamily.buildChart(spec, records, 'relativeError', values) as LineChartData;
    assert.match(chart.theory?.caption ?? '', /C·σ·√\(r\/N\).*C = 2\b/);
    assert.ok(chart.theory?.lines.every((line) => line.points.every((point) => point.x > 0)), 'no prediction at σ = 0');
    // A metric the noise term does not set gets no line.
    assert.equal((teacherStudentFamily.buildChart(spec, records, 'convergenceRate', values) as LineChartData).theory, undefined);
  });
});
