import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  firstMoment,
  fourthMomentContracted,
  lowDegreeResiduals,
  secondMoment,
  type SampleWindow,
} from '../../../src/core/families/teacher-student/training/initialization/tensorMoments';
import { symmetricEigen } from '../../../src/core/linalg/symmetricEigen';
import { createTestRandom, gaussianInputs, teacherLabels } from './fixture';

// A teacher on d = 6 features supported on U = {0, 2, 3, 5}, with unequal norms so that the
// |w_j| factors of the closed forms are exercised.
const INPUT_DIM = 6;
const COORDINATES = Int32Array.from([0, 2, 3, 5]);
const UNION = COORDINATES.length;
const HIDDEN = 2;
const TEACHER = new Float64Array(HIDDEN * INPUT_DIM);
TEACHER.set([0.9, 0, -0.6, 0.5, 0, 0.3], 0);
TEACHER.set([-0.2, 0, 0.4, 0.1, 0, 0.5], INPUT_DIM);
const RANK = 3;
/** A deliberately non-orthonormal basis on U (the estimator must not assume V^T V = I). */
const BASIS = Float64Array.from([1, 0.2, 0, -0.3, 0.1, 1, 0.4, 0, 0, -0.5, 0.8, 0.6]);
const ALPHA = unit(Float64Array.from([0.5, -0.4, 0.7, 0.3]));

function unit(vector: Float64Array): Float64Array {
  const length = Math.hypot(...vector);
  return vector.map((value) => value / length);
}

function teacherOnUnion(row: number): Float64Array {
  return Float64Array.from(COORDINATES, (feature) => TEACHER[row * INPUT_DIM + feature]);
}

function makeWindow(samples: number, seed: number): SampleWindow {
  const inputs = gaussianInputs(INPUT_DIM, samples, createTestRandom(seed));
  const labels = teacherLabels(TEACHER, HIDDEN, INPUT_DIM, inputs, samples);
  return { inputs, labels, samples, coordinates: COORDINATES, start: 0, end: samples };
}

function inputOnUnion(window: SampleWindow, sample: number): Float64Array {
  return Float64Array.from(COORDINATES, (feature) => window.inputs[feature * window.samples + sample]);
}

// ---- Slow references, straight from the definitions ----------------------------------------

const delta = (first: number, second: number): number => (first === second ? 1 : 0);

/** He4(x)_abcd: the product, minus the six single pairings, plus the three double pairings. */
function hermiteFour(x: Float64Array, a: number, b: number, c: number, d: number): number {
  return (
    x[a] * x[b] * x[c] * x[d] -
    (delta(a, b) * x[c] * x[d] + delta(a, c) * x[b] * x[d] + delta(a, d) * x[b] * x[c] +
      delta(b, c) * x[a] * x[d] + delta(b, d) * x[a] * x[c] + delta(c, d) * x[a] * x[b]) +
    (delta(a, b) * delta(c, d) + delta(a, c) * delta(b, d) + delta(a, d) * delta(b, c))
  );
}

function referenceMoments(window: SampleWindow): { first: Float64Array; second: Float64Array; fourth: Float64Array } {
  const first = new Float64Array(UNION);
  const second = new Float64Array(UNION * UNION);
  const full = new Float64Array(UNION ** 4);
  const count = window.end - window.start;
  for (let sample = window.start; sample < window.end; sample++) {
    const x = inputOnUnion(window, sample);
    const y = window.labels[sample] / count;
    for (let a = 0; a < UNION; a++) {
      first[a] += y * x[a];
      for (let b = 0; b < UNION; b++) {
        second[a * UNION + b] += y * (x[a] * x[b] - delta(a, b));
        for (let c = 0; c < UNION; c++) {
          for (let d = 0; d < UNION; d++) full[((a * UNION + b) * UNION + c) * UNION + d] += y * hermiteFour(x, a, b, c, d);
        }
      }
    }
  }
  return { first, second, fourth: contractFull(full) };
}

/** T(V, V, V, α) of a full |U|^4 tensor. */
function contractFull(full: Float64Array): Float64Array {
  const result = new Float64Array(RANK ** 3);
  for (let p = 0; p < RANK; p++) {
    for (let q = 0; q < RANK; q++) {
      for (let r = 0; r < RANK; r++) {
        let sum = 0;
        for (let a = 0; a < UNION; a++) {
          for (let b = 0; b < UNION; b++) {
            for (let c = 0; c < UNION; c++) {
              for (let d = 0; d < UNION; d++) {
                sum += full[((a * UNION + b) * UNION + c) * UNION + d] * BASIS[p * UNION + a] * BASIS[q * UNION + b] * BASIS[r * UNION + c] * ALPHA[d];
              }
            }
          }
        }
        result[(p * RANK + q) * RANK + r] = sum;
      }
    }
  }
  return result;
}

// ---- Closed forms (paper.md §2) --------------------------------------------------------------

function closedForms(): { mean: number; first: Float64Array; second: Float64Array; fourth: Float64Array } {
  let mean = 0;
  const first = new Float64Array(UNION);
  const second = new Float64Array(UNION * UNION);
  const fourth = new Float64Array(RANK ** 3);
  for (let row = 0; row < HIDDEN; row++) {
    const weights = teacherOnUnion(row);
    const norm = Math.hypot(...weights);
    const direction = weights.map((value) => value / norm);
    mean += norm / Math.sqrt(2 * Math.PI) / HIDDEN;
    const secondCoefficient = norm / Math.sqrt(2 * Math.PI) / HIDDEN;
    const fourthCoefficient = -norm / Math.sqrt(2 * Math.PI) / HIDDEN;
    const projected = Float64Array.from({ length: RANK }, (_, p) => direction.reduce((sum, value, a) => sum + value * BASIS[p * UNION + a], 0));
    const alphaDot = direction.reduce((sum, value, a) => sum + value * ALPHA[a], 0);
    for (let a = 0; a < UNION; a++) {
      first[a] += weights[a] / (2 * HIDDEN);
      for (let b = 0; b < UNION; b++) second[a * UNION + b] += secondCoefficient * direction[a] * direction[b];
    }
    for (let p = 0; p < RANK; p++) {
      for (let q = 0; q < RANK; q++) {
        for (let r = 0; r < RANK; r++) fourth[(p * RANK + q) * RANK + r] += fourthCoefficient * projected[p] * projected[q] * projected[r] * alphaDot;
      }
    }
  }
  return { mean, first, second, fourth };
}

function estimates(window: SampleWindow): Float64Array[] {
  return [firstMoment(window), secondMoment(window), fourthMomentContracted(window, BASIS, RANK, ALPHA)];
}

/** Standard error of every entry of every estimate, from the spread of the estimates on equal disjoint batches. */
function batchStandardErrors(window: SampleWindow, batches: number): Float64Array[] {
  const size = (window.end - window.start) / batches;
  const perBatch = Array.from({ length: batches }, (_, batch) =>
    estimates({ ...window, start: window.start + batch * size, end: window.start + (batch + 1) * size }),
  );
  return perBatch[0].map((_, moment) =>
    perBatch[0][moment].map((__, entry) => {
      const values = perBatch.map((batch) => batch[moment][entry]);
      const average = values.reduce((sum, value) => sum + value, 0) / batches;
      const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (batches - 1);
      return Math.sqrt(variance / batches);
    }),
  );
}

function assertWithin(actual: Float64Array, expected: Float64Array, tolerance: Float64Array | number, label: string): void {
  actual.forEach((value, index) => {
    const allowed = typeof tolerance === 'number' ? tolerance : tolerance[index];
    assert.ok(Math.abs(value - expected[index]) <= allowed, `${label}[${index}]: ${value} vs ${expected[index]} (allowed ±${allowed})`);
  });
}

test('the fast estimators equal the definitions (full He4 tensor, contracted afterwards) on a sub-window', () => {
  const window = { ...makeWindow(60, 11), start: 7, end: 53 };
  const reference = referenceMoments(window);
  const [first, second, fourth] = estimates(window);
  assertWithin(first, reference.first, 1e-13, 'M1');
  assertWithin(second, reference.second, 1e-13, 'M2');
  assertWithin(fourth, reference.fourth, 1e-12, 'M4(V,V,V,α)');
  assert.ok(Math.max(...fourth.map(Math.abs)) > 1e-3, 'the contracted tensor is not trivially zero');
});

test('the second moment is exactly symmetric and blocks of samples add up (N above the block size)', () => {
  const window = makeWindow(2500, 12);
  const moment = secondMoment(window);
  for (let a = 0; a < UNION; a++) for (let b = 0; b < UNION; b++) assert.equal(moment[a * UNION + b], moment[b * UNION + a]);
  assertWithin(moment, referenceMoments(window).second, 1e-12, 'M2');
});

const LARGE_SAMPLES = 200_000;
const BATCHES = 20;

test('M1, M2 and M4(V,V,V,α) estimate their closed forms within 5 standard errors', () => {
  const window = makeWindow(LARGE_SAMPLES, 13);
  const truth = closedForms();
  const standardErrors = batchStandardErrors(window, BATCHES);
  const [first, second, fourth] = estimates(window);
  assertWithin(first, truth.first, standardErrors[0].map((error) => 5 * error), 'M1');
  assertWithin(second, truth.second, standardErrors[1].map((error) => 5 * error), 'M2');
  assertWithin(fourth, truth.fourth, standardErrors[2].map((error) => 5 * error), 'M4');
  // The check has power: neither the wrong sign of m4 nor a vanishing fourth moment would pass.
  const wrongSign = truth.fourth.map((value) => -value);
  const outside = (expected: Float64Array): boolean => fourth.some((value, index) => Math.abs(value - expected[index]) > 5 * standardErrors[2][index]);
  assert.ok(outside(wrongSign), 'the estimate also matches −M4');
  assert.ok(outside(new Float64Array(truth.fourth.length)), 'the estimate also matches 0');
});

test('subtracting the degree ≤ 2 Hermite part of y keeps every expectation and cuts the fourth moment noise', () => {
  const window = makeWindow(LARGE_SAMPLES, 14);
  const truth = closedForms();
  const eigen = symmetricEigen(truth.second, UNION);
  const fourthResiduals = lowDegreeResiduals(window, {
    mean: truth.mean,
    linear: truth.first,
    quadraticVectors: eigen.vectors.subarray(0, HIDDEN * UNION),
    quadraticValues: eigen.values.subarray(0, HIDDEN),
  });
  const secondResiduals = lowDegreeResiduals(window, { mean: truth.mean, linear: truth.first });
  const fourthWindow = { ...window, labels: fourthResiduals };
  const secondWindow = { ...window, labels: secondResiduals };

  const rawErrors = batchStandardErrors(window, BATCHES);
  const fourthErrors = batchStandardErrors(fourthWindow, BATCHES)[2];
  const secondErrors = batchStandardErrors(secondWindow, BATCHES)[1];
  assertWithin(fourthMomentContracted(fourthWindow, BASIS, RANK, ALPHA), truth.fourth, fourthErrors.map((error) => 5 * error), 'M4 of residuals');
  assertWithin(secondMoment(secondWindow), truth.second, secondErrors.map((error) => 5 * error), 'M2 of residuals');
  const total = (errors: Float64Array): number => errors.reduce((sum, error) => sum + error * error, 0);
  assert.ok(total(fourthErrors) < total(rawErrors[2]) / 4, `fourth-moment variance ${total(fourthErrors)} vs raw ${total(rawErrors[2])}`);
  assert.ok(total(secondErrors) < total(rawErrors[1]) / 2, `second-moment variance ${total(secondErrors)} vs raw ${total(rawErrors[1])}`);
});

test('residuals leave samples outside the window at zero and subtract the fit inside it', () => {
  const window = { ...makeWindow(20, 15), start: 5, end: 12 };
  const linear = Float64Array.from([0.3, -0.1, 0.2, 0.05]);
  const residuals = lowDegreeResiduals(window, { mean: 0.25, linear });
  for (let sample = 0; sample < 20; sample++) {
    const x = inputOnUnion(window, sample);
    const expected = sample >= 5 && sample < 12 ? window.labels[sample] - 0.25 - x.reduce((sum, value, a) => sum + value * linear[a], 0) : 0;
    assert.ok(Math.abs(residuals[sample] - expected) < 1e-14, `sample ${sample}`);
  }
});
