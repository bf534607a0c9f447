// A TrialSpec arrives from the sweep (possibly across a worker-thread boundary): check every
// field before any work, and say which field is wrong and what was expected. Count relations
// between fields (r <= d, extra/missing) are checked where the mask is built (studentMask.ts).
import type { MagnitudePruning, TrialSpec } from '../types';

type Check = (value: unknown) => boolean;

const isInteger = (minimum: number): Check => (value) => Number.isSafeInteger(value) && (value as number) >= minimum;
const isFiniteAtLeast = (minimum: number): Check => (value) => Number.isFinite(value) && (value as number) >= minimum;
const isPositive: Check = (value) => Number.isFinite(value) && (value as number) > 0;
const isOneOf = (...options: unknown[]): Check => (value) => options.includes(value);

/** analysis.convexRegion as resolved (schema.ts ConvexRegionSchema). */
const isConvexRegion: Check = (value) => {
  if (typeof value !== 'object' || value === null) return false;
  const settings = value as Record<string, unknown>;
  return (
    isInteger(1)(settings.directions) &&
    isInteger(0)(settings.flatSubspace) &&
    isInteger(2)(settings.lanczosSteps) &&
    isPositive(settings.strongConvexity) &&
    isPositive(settings.resolution) &&
    isPositive(settings.maxRadius)
  );
};

const FIELD_CHECKS: Record<keyof TrialSpec, [Check, string]> = {
  seed: [isInteger(0), 'a non-negative integer'],
  testSetSeed: [isInteger(0), 'a non-negative integer'],
  inputDim: [isInteger(1), 'an integer >= 1'],
  hiddenUnits: [isInteger(1), 'an integer >= 1'],
  nonzerosPerNeuron: [isInteger(1), 'an integer >= 1'],
  teacherWeights: [isOneOf('unit-gaussian', 'gaussian'), '"unit-gaussian" or "gaussian"'],
  noiseStd: [isFiniteAtLeast(0), 'a finite number >= 0'],
  studentMask: [isOneOf('accurate', 'dense', 'magnitude'), '"accurate", "dense" or "magnitude"'],
  magnitudePruning: [
    (value) => value === undefined || (isInteger(1)((value as MagnitudePruning).steps) && isOneOf('initial', 'trained')((value as MagnitudePruning).retrainFrom)),
    'absent, or { steps: an integer >= 1, retrainFrom: "initial" or "trained" }',
  ],
  extraPerNeuron: [isInteger(0), 'an integer >= 0'],
  missingPerNeuron: [isInteger(0), 'an integer >= 0'],
  samples: [isInteger(1), 'an integer >= 1'],
  init: [isOneOf('tensor', 'near', 'random'), '"tensor", "near" or "random"'],
  initDistance: [isPositive, 'a finite number > 0'],
  stepSize: [isPositive, 'a finite number > 0'],
  momentum: [(value) => isFiniteAtLeast(0)(value) && (value as number) < 1, 'a number in [0, 1)'],
  maxIterations: [isInteger(1), 'an integer >= 1'],
  tolerance: [isFiniteAtLeast(0), 'a finite number >= 0'],
  batch: [(value) => value === 'full' || value === 'split' || isInteger(1)(value), '"full", "split" or a mini-batch size (integer >= 1)'],
  splitBlocks: [(value) => value === undefined || isInteger(1)(value), 'absent or an integer >= 1'],
  curvePoints: [isInteger(2), 'an integer >= 2'],
  testSamples: [isInteger(1), 'an integer >= 1'],
  successThreshold: [isPositive, 'a finite number > 0'],
  convexRegion: [
    (value) => value === undefined || isConvexRegion(value),
    'absent, or integers directions >= 1, flatSubspace >= 0, lanczosSteps >= 2 and positive strongConvexity, resolution, maxRadius',
  ],
};

/** Throws a RangeError listing every bad field of the spec. */
export function checkTrialSpec(spec: TrialSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new TypeError(`TrialSpec: got ${String(spec)}, expected an object`);
  const problems: string[] = [];
  for (const [field, [check, expected]] of Object.entries(FIELD_CHECKS)) {
    const value = (spec as unknown as Record<string, unknown>)[field];
    if (!check(value)) problems.push(`${field} is ${JSON.stringify(value)}, expected ${expected}`);
  }
  if (problems.length === 0 && spec.nonzerosPerNeuron > spec.inputDim) {
    problems.push(`nonzerosPerNeuron ${spec.nonzerosPerNeuron} exceeds inputDim ${spec.inputDim} (r <= d)`);
  }
  if (problems.length === 0 && (spec.studentMask === 'magnitude') !== (spec.magnitudePruning !== undefined)) {
    problems.push(`magnitudePruning must be given exactly when studentMask is "magnitude" (studentMask is ${JSON.stringify(spec.studentMask)})`);
  }
  if (problems.length === 0 && spec.splitBlocks !== undefined && spec.splitBlocks > spec.samples) {
    problems.push(`splitBlocks ${spec.splitBlocks} exceeds samples ${spec.samples} (a block needs a sample)`);
  }
  if (problems.length > 0) throw new RangeError(`TrialSpec: ${problems.join('; ')}`);
}
