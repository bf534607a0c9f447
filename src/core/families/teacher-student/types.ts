// The resolved forms that flow down the pipeline:
//   experiment file -> Experiment (defaults filled, axes as lists) -> SweepCell -> TrialSpec -> TrialRecord.
// Each arrow is one small function; nothing here knows about processes, files or the editor.
// Records and metrics are type aliases, not interfaces: only those are assignable to the
// index-signature record type of src/shared (TypeScript gives interfaces no implicit index signature).

/** Names of the parameters that may be swept (a list in the experiment file). */
export const SWEEP_AXES = [
  'samples',
  'nonzerosPerNeuron',
  'noiseStd',
  'momentum',
  'extraPerNeuron',
  'missingPerNeuron',
  'initDistance',
] as const;
export type SweepAxis = (typeof SWEEP_AXES)[number];

export type InitMethod = 'tensor' | 'near' | 'random';
export type BatchMode = 'full' | 'split' | number;

/** The settings every trial of an experiment shares (none of them can be swept). */
export interface SharedSettings {
  inputDim: number;
  hiddenUnits: number;
  teacherWeights: 'unit-gaussian' | 'gaussian';
  studentMask: 'accurate' | 'dense';
  init: InitMethod;
  /** Resolved: "auto" became hiddenUnits. */
  stepSize: number;
  maxIterations: number;
  tolerance: number;
  batch: BatchMode;
  curvePoints: number;
  testSamples: number;
  successThreshold: number;
}

/** An experiment with every default filled in and every sweepable parameter as a list. */
export interface Experiment extends SharedSettings {
  kind: 'teacher-student';
  name: string;
  description?: string;
  seed: number;
  /** The axes; `nonzerosPerNeuron` is already converted from pruningRatio when that was given. */
  axes: Record<SweepAxis, number[]>;
  trials: number;
  /** The adaptive search for the boundary (samples {"adaptive": ...}); axes.samples is then its coarse pass. */
  adaptiveSamples?: AdaptiveSamples;
}

export interface AdaptiveSamples {
  min: number;
  max: number;
  /** Trainings per line (r and the other axes) at most. */
  trials: number;
  width: number;
  coarse: number;
}

/** One point of the sweep grid: a value for every axis. */
export type SweepCell = Record<SweepAxis, number>;

/** Everything one training needs, fully resolved; what a worker thread receives. */
export interface TrialSpec extends SharedSettings, SweepCell {
  seed: number;
  /**
   * Seed of the test set, the same for every trial of the experiment: the generalization errors
   * of all cells are measured on one set of fresh samples (common random numbers), which makes
   * comparisons across cells less noisy and lets a worker draw the set once.
   */
  testSetSeed: number;
}

/** Relative weight error (student rows aligned to teacher rows) at a few iterations. */
export type ErrorCurve = {
  iterations: number[];
  relativeError: number[];
};

/** What one training measured (paper.md section 3). */
export type TrialMetrics = {
  /** min over neuron permutations of |W - W*_pi|_F / |W*|_F, after training. */
  relativeError: number;
  /** The same right after initialization (before descent). */
  initialRelativeError: number;
  /** E_x (g(W;x) - g(W*;x))^2 on fresh test samples. */
  generalizationError: number;
  /** generalizationError / E_x g(W*;x)^2. */
  relativeGeneralizationError: number;
  success: boolean;
  iterations: number;
  /** Geometric contraction factor of the error in its linear phase; null when there is none. */
  convergenceRate: number | null;
  iterationsTo1e3: number | null;
  iterationsTo1e6: number | null;
  trainLoss: number;
  seconds: number;
  curve: ErrorCurve;
};

/** One line of a run folder's trials.jsonl: the cell, the trial, and what it measured. */
export type TrialRecord = SweepCell &
  TrialMetrics & {
    /** Canonical key of the cell (stable across runs and worker counts). */
    cell: string;
    pruningRatio: number;
    trial: number;
    seed: number;
  };
