// The one source of truth for teacher-student experiment files (*.lth.json with this kind): the
// TypeScript types, the validator, the defaults of the resolver and this kind's part of the
// published JSON Schema (schemas/lth.schema.json, written by scripts/generate-schema.ts).
// Every field with a `default` is optional, so `{ "kind": "teacher-student" }` is a valid file;
// descriptions become the editor's hover docs and defaults its completions.
import { Type, type Static } from '@sinclair/typebox';
import { sweepable, sweepList } from '../../config/sweepable';

const PositiveInteger = Type.Integer({ minimum: 1 });
const NonNegativeInteger = Type.Integer({ minimum: 0 });

export const TeacherSchema = Type.Object(
  {
    inputDim: Type.Optional(Type.Integer({ minimum: 1, default: 100, description: 'Input dimension d. Inputs are x ~ N(0, I_d).' })),
    hiddenUnits: Type.Optional(Type.Integer({ minimum: 1, default: 5, description: 'Hidden neurons K of teacher and student (second layer fixed to 1/K).' })),
    nonzerosPerNeuron: Type.Optional(
      sweepable(PositiveInteger, 'Non-zero weights r per teacher neuron (r <= inputDim). Give this or pruningRatio, not both; default: inputDim (dense).'),
    ),
    pruningRatio: Type.Optional(
      sweepable(
        Type.Number({ minimum: 0, exclusiveMaximum: 1 }),
        'Pruning ratio 1 - r/d, converted to r = round((1 - ratio) * d), which must be at least 1. Give this or nonzerosPerNeuron, not both.',
      ),
    ),
    weights: Type.Optional(
      Type.Union([Type.Literal('unit-gaussian'), Type.Literal('gaussian')], {
        default: 'unit-gaussian',
        description: 'Teacher values on the support: "unit-gaussian" = Gaussian rows scaled to unit norm (clean curves); "gaussian" = i.i.d. N(0, 1).',
      }),
    ),
    noiseStd: Type.Optional(sweepable(Type.Number({ minimum: 0 }), 'Standard deviation of the Gaussian label noise xi (0 = noiseless).', 0)),
  },
  { additionalProperties: false, default: {}, description: 'The sparse one-hidden-layer ReLU teacher y = (1/K) sum_j relu(<w*_j, x>) + xi.' },
);

export const MagnitudePruningSchema = Type.Object(
  {
    steps: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 20,
        default: 1,
        description:
          'Pruning rounds from the dense student to the mask: 1 = one-shot; n = iterative, the weights kept per row falling geometrically from inputDim to the target in n rounds, each followed by a training.',
      }),
    ),
    retrainFrom: Type.Optional(
      Type.Union([Type.Literal('initial'), Type.Literal('trained')], {
        default: 'initial',
        description:
          'Where each training on a pruned mask starts: "initial" rewinds to the dense student\'s initial weights W(0) on that mask (as lottery tickets do); "trained" continues from the weights the previous training reached.',
      }),
    ),
  },
  { additionalProperties: false, default: {}, description: 'How student.mask "magnitude" finds its mask (ignored by the other masks).' },
);

export const StudentSchema = Type.Object(
  {
    mask: Type.Optional(
      Type.Union([Type.Literal('accurate'), Type.Literal('dense'), Type.Literal('magnitude')], {
        default: 'accurate',
        description:
          '"accurate": each student row is trained on its teacher row\'s support (adjusted by extraPerNeuron / missingPerNeuron); "dense": no pruning (all d weights per row), the unpruned baseline; "magnitude": the mask is found, not given — a dense student is trained, each row pruned to its r + extraPerNeuron - missingPerNeuron largest weights (see pruning), and the student trained again on that mask. Each trial also trains the dense and the accurate (oracle) students on the same data and records their errors, with the found mask\'s precision and recall against the teacher\'s support.',
      }),
    ),
    extraPerNeuron: Type.Optional(
      sweepable(
        NonNegativeInteger,
        'Random extra positions per neuron added to the teacher support (the mask stays accurate but costs samples); r + extraPerNeuron <= inputDim.',
        0,
      ),
    ),
    missingPerNeuron: Type.Optional(
      sweepable(
        NonNegativeInteger,
        'Teacher positions per neuron pruned away from the student mask (an inaccurate mask: expect an error floor); at most r - 1, so every row keeps a teacher position.',
        0,
      ),
    ),
    pruning: Type.Optional(MagnitudePruningSchema),
  },
  { additionalProperties: false, default: {}, description: 'The student network: same architecture, trained only on the entries of its mask.' },
);

export const TrainingSchema = Type.Object(
  {
    init: Type.Optional(
      Type.Union([Type.Literal('tensor'), Type.Literal('near'), Type.Literal('random')], {
        default: 'tensor',
        description:
          '"tensor": moment-method initialization (paper); "near": W* plus a perturbation of relative size initDistance; "random": N(0, 1/d) entries. All projected onto the mask.',
      }),
    ),
    initDistance: Type.Optional(
      sweepable(Type.Number({ exclusiveMinimum: 0 }), 'Relative Frobenius distance |W0 - W*| / |W*| for init "near".', 0.3),
    ),
    stepSize: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Number({ exclusiveMinimum: 0 })], {
        default: 'auto',
        description: 'Step size eta; "auto" = K (hiddenUnits). Stable from any start for eta < 2K (a note past it); near W* heavy ball diverges from about 2(1 + beta)/lambda_max (a warning).',
      }),
    ),
    momentum: Type.Optional(
      sweepable(
        Type.Number({ minimum: 0, exclusiveMaximum: 1 }),
        'Heavy-ball momentum beta (0 = plain gradient descent). Values near 0.9 make the rate saturate near sqrt(beta) and hide its dependence on r.',
        0.5,
      ),
    ),
    // Bounded: every iteration's error is kept (8 bytes each, in the kernel's WebAssembly memory), and a count past 2^53 is not even an integer in JavaScript.
    maxIterations: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000_000, default: 1000, description: 'Maximum number of descent iterations (at most 100,000,000: the error of every iteration is kept).' }),
    ),
    tolerance: Type.Optional(
      Type.Number({ minimum: 0, default: 1e-12, description: 'Stop when the relative step |W(t+1) - W(t)| / |W(t)| falls below this.' }),
    ),
    batch: Type.Optional(
      Type.Union([Type.Literal('full'), Type.Literal('split'), PositiveInteger], {
        default: 'full',
        description:
          '"full": all N samples each iteration; "split": disjoint fresh blocks cycled per iteration (the theory\'s sample splitting; with too few samples per trained weight it is the full batch); a number: mini-batch size (SGD with momentum; at least samples means the full batch).',
      }),
    ),
    splitBlocks: Type.Optional(
      Type.Union([Type.Literal('auto'), PositiveInteger], {
        default: 'auto',
        description:
          'Blocks B that batch "split" cuts the samples into (iteration t uses block t mod B; at most samples). "auto": B = clamp(floor(N / (4m)), 1, 8), m the largest mask row: at least four samples per trained weight of a neuron in each block. Each record of a "split" run holds the B it used.',
      }),
    ),
    curvePoints: Type.Optional(
      Type.Integer({ minimum: 2, default: 100, description: 'How many points of the error-vs-iteration curve each trial record keeps (downsampled).' }),
    ),
  },
  { additionalProperties: false, default: {}, description: 'Accelerated (heavy-ball) gradient descent on the masked empirical risk.' },
);

export const EvaluationSchema = Type.Object(
  {
    testSamples: Type.Optional(Type.Integer({ minimum: 1, default: 10000, description: 'Fresh test samples for the generalization error.' })),
    successThreshold: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, default: 1e-3, description: 'A trial succeeds when its relative weight error is below this.' }),
    ),
  },
  { additionalProperties: false, default: {}, description: 'How each trial is measured.' },
);

export const ConvexRegionSchema = Type.Object(
  {
    directions: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096, default: 16, description: 'Seeded directions from W* along which the convex radius is measured; the record keeps their median and minimum.' })),
    flatSubspace: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 8,
        description: 'Directions are random combinations of this many flattest Hessian eigenvectors (Lanczos Ritz vectors), where the theory\'s radius is decided; 0 = uniformly random on the whole mask.',
      }),
    ),
    lanczosSteps: Type.Optional(
      Type.Integer({ minimum: 2, maximum: 1000, default: 100, description: 'Lanczos steps (Hessian-vector products) for the extreme eigenvalues; capped at the mask size, where they are exact. 60 steps overestimate λ_min by ~10% at K·r = 200, N = 300; 100 are within 0.1%.' }),
    ),
    strongConvexity: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        default: 0.25,
        description: 'The curvature the risk must keep along a direction, as a fraction of 1/(2K^2) (the population Gauss-Newton diagonal): the strong-convexity modulus of the radius test.',
      }),
    ),
    resolution: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        default: 0.01,
        description: 'Step h (relative distance) of the second differences that test convexity: ReLU kinks make the exact risk non-convex ~1/N from W*, so convexity is judged over windows of this width.',
      }),
    ),
    maxRadius: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, default: 2, description: 'Largest relative distance |W - W*|_F / |W*|_F scanned; a direction convex that far reports this value.' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Measure the landscape at W* instead of training (paper claim 1): extreme eigenvalues of the masked Hessian (Lanczos) and the convex radius, the relative distance up to which the risk stays strongly convex along seeded directions.',
  },
);

export const AnalysisSchema = Type.Object(
  { convexRegion: Type.Optional(ConvexRegionSchema) },
  { additionalProperties: false, description: 'Measurements a trial makes instead of training.' },
);

export const AdaptiveSamplesSchema = Type.Object(
  {
    adaptive: Type.Object(
      {
        min: Type.Integer({ minimum: 1, description: 'Smallest N searched.' }),
        max: Type.Integer({ minimum: 2, description: 'Largest N searched.' }),
        trials: Type.Integer({ minimum: 1, description: 'Trainings per r (per combination of the other axes) at most, the coarse pass included.' }),
        width: Type.Optional(
          Type.Number({ exclusiveMinimum: 0, default: 0.25, description: "Stop an r once its boundary's 95% bootstrap interval is narrower than this fraction of N*." }),
        ),
        coarse: Type.Optional(Type.Integer({ minimum: 2, default: 4, description: 'Sample counts of the first pass, log-spaced from min to max.' })),
      },
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    description:
      'An adaptive search for the phase boundary: a coarse pass over log-spaced N, then per r the N nearest the estimated 50% crossing (bisection in log N), `trials` (the top-level setting) trainings at a time, until the interval is narrow enough or the budget is spent.',
  },
);

export const ExperimentSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Path or URL of this JSON Schema (editor support only).' })),
    kind: Type.Literal('teacher-student', { description: 'Experiment family. "teacher-student": the one-hidden-layer model of the paper.' }),
    name: Type.Optional(Type.String({ minLength: 1, description: 'Name of the experiment; default: the file name without .lth.json.' })),
    description: Type.Optional(Type.String({ description: 'Free text: what this experiment should show.' })),
    seed: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 4294967295,
        default: 1,
        description: "Experiment seed (a uint32); every trial's seed derives from it, the cell and the trial index.",
      }),
    ),
    teacher: Type.Optional(TeacherSchema),
    student: Type.Optional(StudentSchema),
    // One flat union (not sweepable's nested in another), so a bad list reports its bad elements.
    samples: Type.Optional(Type.Union([PositiveInteger, sweepList(PositiveInteger), AdaptiveSamplesSchema], { default: 200, description: 'Training samples N: one value, a list (a sweep axis), or {"adaptive": {...}} to search each r\'s phase boundary.' })),
    trials: Type.Optional(Type.Integer({ minimum: 1, default: 3, description: 'Independent trials per sweep cell.' })),
    training: Type.Optional(TrainingSchema),
    evaluation: Type.Optional(EvaluationSchema),
    analysis: Type.Optional(AnalysisSchema),
  },
  {
    title: 'Teacher-student experiment',
    description: 'A sparse one-hidden-layer ReLU teacher and a student trained on its mask. Every field has a default; a list where a number is expected is a sweep axis.',
    additionalProperties: false,
  },
);

/** An experiment file as written (fields optional where a default exists). */
export type ExperimentFile = Static<typeof ExperimentSchema>;
