// Test-only data for the tensor initialization: a sparse teacher, Gaussian
// inputs and their noiseless labels, and the relative weight error up to neuron permutation.
import { minimumCostAssignment } from '../../../src/core/linalg/assignment';
import { RandomStream } from '../../../src/core/random/randomStream';

export interface TestRandom {
  nextFloat(): number;
  nextGaussian(): number;
}

/** The project's seeded generator (xoshiro128** with ziggurat Gaussians). */
export function createTestRandom(seed: number): TestRandom {
  return new RandomStream(seed);
}

export interface TeacherProblem {
  inputDim: number;
  hiddenUnits: number;
  samples: number;
  /** K×d row-major, unit-norm rows, zero off the mask. */
  teacher: Float64Array;
  masks: Int32Array[];
  /** Features-major d×N. */
  inputs: Float64Array;
  labels: Float64Array;
}

/** y = (1/K) Σ_j relu(<w_j, x>) on Gaussian inputs; each teacher row has `nonzerosPerNeuron` random positions. */
export function makeTeacherProblem(options: {
  inputDim: number;
  hiddenUnits: number;
  nonzerosPerNeuron: number;
  samples: number;
  seed: number;
}): TeacherProblem {
  const { inputDim, hiddenUnits, nonzerosPerNeuron, samples } = options;
  const random = createTestRandom(options.seed);
  const teacher = new Float64Array(hiddenUnits * inputDim);
  const masks: Int32Array[] = [];
  for (let row = 0; row < hiddenUnits; row++) {
    const features = Array.from({ length: inputDim }, (_, index) => index);
    for (let index = 0; index < nonzerosPerNeuron; index++) {
      const swap = index + Math.floor(random.nextFloat() * (inputDim - index));
      [features[index], features[swap]] = [features[swap], features[index]];
    }
    const mask = Int32Array.from(features.slice(0, nonzerosPerNeuron).sort((first, second) => first - second));
    masks.push(mask);
    let squaredNorm = 0;
    for (const feature of mask) {
      teacher[row * inputDim + feature] = random.nextGaussian();
      squaredNorm += teacher[row * inputDim + feature] ** 2;
    }
    for (const feature of mask) teacher[row * inputDim + feature] /= Math.sqrt(squaredNorm);
  }
  const inputs = gaussianInputs(inputDim, samples, random);
  return { inputDim, hiddenUnits, samples, teacher, masks, inputs, labels: teacherLabels(teacher, hiddenUnits, inputDim, inputs, samples) };
}

export function gaussianInputs(inputDim: number, samples: number, random: TestRandom): Float64Array {
  const inputs = new Float64Array(inputDim * samples);
  for (let index = 0; index < inputs.length; index++) inputs[index] = random.nextGaussian();
  return inputs;
}

export function teacherLabels(weights: Float64Array, hiddenUnits: number, inputDim: number, inputs: Float64Array, samples: number): Float64Array {
  const labels = new Float64Array(samples);
  for (let sample = 0; sample < samples; sample++) {
    let sum = 0;
    for (let row = 0; row < hiddenUnits; row++) {
      let preActivation = 0;
      for (let feature = 0; feature < inputDim; feature++) preActivation += weights[row * inputDim + feature] * inputs[feature * samples + sample];
      sum += Math.max(0, preActivation);
    }
    labels[sample] = sum / hiddenUnits;
  }
  return labels;
}

/** min over row permutations π of |W − W*_π|_F / |W*|_F (the row costs add up, so Hungarian is exact). */
export function relativeWeightError(weights: Float64Array, teacher: Float64Array, hiddenUnits: number, inputDim: number): number {
  const cost = new Float64Array(hiddenUnits * hiddenUnits);
  let teacherSquared = 0;
  for (let row = 0; row < hiddenUnits; row++) {
    for (let column = 0; column < hiddenUnits; column++) {
      let distance = 0;
      for (let feature = 0; feature < inputDim; feature++) {
        distance += (weights[row * inputDim + feature] - teacher[column * inputDim + feature]) ** 2;
      }
      cost[row * hiddenUnits + column] = distance;
    }
    for (let feature = 0; feature < inputDim; feature++) teacherSquared += teacher[row * inputDim + feature] ** 2;
  }
  const assignment = minimumCostAssignment(cost, hiddenUnits);
  let total = 0;
  for (let row = 0; row < hiddenUnits; row++) total += cost[row * hiddenUnits + assignment[row]];
  return Math.sqrt(total / teacherSquared);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
