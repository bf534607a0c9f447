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
export type StudentMaskKind = 'accurate' | 'dense' | 'magnitude';

/** How student.mask "magnitude" finds its mask (training/magnitudeTrial.ts). */
export interface MagnitudePruning {
  /** Pruning rounds from dense to the target count per row: 1 = one-shot. */
  steps: number;
  /** "initial": each pruned training rewinds to the dense student's W(0); "trained": continues. */
  retrainFrom: 'initial' | 'trained';
}

/** The settings every trial of an experiment shares (none of them can be swept). */
export interface SharedSettings {
  inputDim: number;
  hiddenUnits: number;
  teacherWeights: 'unit-gaussian' | 'gaussian';
  studentMask: StudentMaskKind;
  /** Present exactly when studentMask is "magnitude" (absent otherwise, so other experiments keep their config hash). */
  magnitudePruning?: MagnitudePruning;
  init: InitMethod;
  /** Resolved: "auto" became hiddenUnits. */
  stepSize: number;
  maxIterations: number;
  tolerance: number;
  batch: BatchMode;
  /** Sample splitting's block count when batch is "split", as given; absent ("auto"): the rule of training/batchSchedule.ts. */
  splitBlocks?: number;
  curvePoints: number;
  testSamples: number;
  successThreshold: number;
  /** Set by the file's analysis.convexRegion: trials measure the landscape at W* instead of training. */
  convexRegion?: ConvexRegionSettings;
}

/** How a trial measures the local convex region around W* (schema.ts ConvexRegionSchema). */
export interface ConvexRegionSettings {
  directions: number;
  flatSubspace: number;
  lanczosSteps: number;
  strongConvexity: number;
  resolution: number;
  maxRadius: number;
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

/** Relative weight error (up to neuron permutation, as relativeError) at a few iterations. */
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
  /** The block count B of sample splitting, for batch "split" only (1: N too small to split). */
  splitBlocks?: number;
  /** Geometric contraction factor of the error in its linear phase; null when there is none. */
  convergenceRate: number | null;
  iterationsTo1e3: number | null;
  iterationsTo1e6: number | null;
  trainLoss: number;
  seconds: number;
  curve: ErrorCurve;
};

/** One training of a magnitude-pruning trial other than the found mask's (the dense phase, the oracle). */
export type TrainingSummary = Pick<
  TrialMetrics,
  'relativeError' | 'initialRelativeError' | 'generalizationError' | 'relativeGeneralizationError' | 'success' | 'iterations' | 'trainLoss' | 'seconds'
>;

/** What a trial with student.mask "magnitude" records besides the found mask's TrialMetrics (see maskRecovery.ts for the definitions). */
export type MagnitudeMetrics = {
  /** Fraction of the found mask's positions that are teacher positions (rows matched to maximize the overlap). */
  maskPrecision: number;
  /** Fraction of the teacher's positions the found mask kept. */
  maskRecall: number;
  /** The dense student the mask was pruned from (exactly a "dense" trial of the same cell). */
  densePhase: TrainingSummary;
  /** The student on the teacher's own support (exactly an "accurate" trial of the same cell). */
  oracleMask: TrainingSummary;
};

/** One line of a run folder's trials.jsonl: the cell, the trial, and what it measured. */
export type TrialRecord = SweepCell &
  TrialMetrics &
  Partial<MagnitudeMetrics> & {
    /** Canonical key of the cell (stable across runs and worker counts). */
    cell: string;
    pruningRatio: number;
    trial: number;
    seed: number;
  };
