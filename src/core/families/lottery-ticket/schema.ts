// The one source of truth for lottery-ticket experiment files: iterative magnitude pruning
// (Frankle & Carbin, ICLR 2019) of a multi-layer perceptron on MNIST-format images, with the
// paper's question on real data — how test error depends on the training-set size N and on the
// fraction of weights left. Types, validator, defaults and editor help come from here.
import { Type, type Static } from '@sinclair/typebox';
import { sweepable } from '../../config/sweepable';

const PositiveInteger = Type.Integer({ minimum: 1 });

export const DataSchema = Type.Object(
  {
    dataset: Type.Optional(
      Type.Union(
        [
          Type.Literal('mnist'),
          Type.Literal('fashion-mnist'),
          Type.Object(
            { idxFolder: Type.String({ minLength: 1, description: 'Folder with the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each optionally .gz); relative to this file.' }) },
            { additionalProperties: false },
          ),
        ],
        {
          default: 'mnist',
          description: '"mnist" (bundled, offline), "fashion-mnist" (Debian package dataset-fashion-mnist) or { "idxFolder": "path" } for any MNIST-format set.',
        },
      ),
    ),
    trainSize: Type.Optional(
      sweepable(PositiveInteger, 'Training-set size N: the first N images of a seeded shuffle of the training images (a smaller N is a subset of a larger one).', 55000),
    ),
    validationSize: Type.Optional(
      Type.Integer({ minimum: 1, default: 5000, description: 'Training images held out (never trained on) for early stopping: the iteration of least validation loss.' }),
    ),
    normalize: Type.Optional(Type.Boolean({ default: true, description: 'Standardize pixels with the training images\' mean and standard deviation (MNIST: 0.1307, 0.3081).' })),
  },
  { additionalProperties: false, default: {}, description: 'The images and how they are split.' },
);

export const ModelSchema = Type.Object(
  {
    hiddenLayers: Type.Optional(
      Type.Array(PositiveInteger, { default: [300, 100], description: 'Widths of the ReLU hidden layers; [300, 100] is LeNet-300-100. The output layer has one unit per class.' }),
    ),
    init: Type.Optional(
      Type.Union([Type.Literal('kaiming-normal'), Type.Literal('glorot-normal')], {
        default: 'kaiming-normal',
        description: 'Weight initialization: "kaiming-normal" N(0, 2/fan_in) (open_lth), "glorot-normal" N(0, 2/(fan_in + fan_out)) (Frankle & Carbin). Biases start at 0.',
      }),
    ),
  },
  { additionalProperties: false, default: {}, description: 'A fully connected network with ReLU hidden layers and a softmax output.' },
);

export const TrainingSchema = Type.Object(
  {
    optimizer: Type.Optional(
      Type.Union([Type.Literal('sgd'), Type.Literal('adam')], { default: 'sgd', description: '"sgd" (with optional momentum) or "adam" (β = 0.9, 0.999, ε = 1e-8).' }),
    ),
    learningRate: Type.Optional(sweepable(Type.Number({ exclusiveMinimum: 0 }), 'Learning rate (SGD 0.1 as open_lth; Adam 1.2e-3 as Frankle & Carbin).', 0.1)),
    momentum: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0, description: 'SGD momentum (0 = plain SGD); ignored by Adam.' })),
    batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096, default: 128, description: 'Mini-batch size; batches come from a seeded stream, the same in every round.' })),
    iterations: Type.Optional(Type.Integer({ minimum: 1, default: 5000, description: 'Training iterations per network (per round, per variant).' })),
    evaluateEvery: Type.Optional(
      Type.Integer({ minimum: 1, default: 100, description: 'Iterations between evaluations on the validation set (the learning curve and early stopping).' }),
    ),
  },
  { additionalProperties: false, default: {}, description: 'How each network is trained.' },
);

export const PruningSchema = Type.Object(
  {
    method: Type.Optional(
      Type.Union([Type.Literal('imp'), Type.Literal('one-shot')], {
        default: 'imp',
        description: '"imp": iterative magnitude pruning, each round pruning the previous ticket; "one-shot": each round prunes the trained dense network straight to that round\'s density.',
      }),
    ),
    scope: Type.Optional(
      Type.Union([Type.Literal('layerwise'), Type.Literal('global')], {
        default: 'layerwise',
        description: '"layerwise": each hidden layer loses `fraction` of its remaining weights; "global": the hidden layers\' smallest weights are pruned together.',
      }),
    ),
    fraction: Type.Optional(
      sweepable(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), 'Fraction of the remaining weights pruned per round (of the hidden layers).', 0.2),
    ),
    outputFraction: Type.Optional(
      Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.1, description: 'Fraction of the output layer\'s remaining weights pruned per round (0 = the output layer is not pruned).' }),
    ),
    rounds: Type.Optional(Type.Integer({ minimum: 0, maximum: 60, default: 10, description: 'Pruning rounds after the dense training (round 0). 0.8^k of the weights remain after k rounds at fraction 0.2.' })),
    rewindIteration: Type.Optional(
      sweepable(Type.Integer({ minimum: 0 }), 'Iteration whose weights the survivors are reset to: 0 = the initialization (Frankle & Carbin), k > 0 = late rewinding.', 0),
    ),
    controls: Type.Optional(
      Type.Array(Type.Union([Type.Literal('random-reinit'), Type.Literal('random-prune')]), {
        uniqueItems: true,
        default: [],
        description:
          'Baselines trained each round on the same seeds: "random-reinit" = the ticket\'s mask with a fresh random initialization; "random-prune" = a random mask with the ticket\'s per-layer sparsity and the original initialization.',
      }),
    ),
  },
  { additionalProperties: false, default: {}, description: 'How tickets are found.' },
);

export const LotteryTicketSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Path or URL of this JSON Schema (editor support only).' })),
    kind: Type.Literal('lottery-ticket', { description: 'Experiment family. "lottery-ticket": iterative magnitude pruning of a multi-layer network on MNIST-format images.' }),
    name: Type.Optional(Type.String({ minLength: 1, description: 'Name of the experiment; default: the file name without .lth.json.' })),
    description: Type.Optional(Type.String({ description: 'Free text: what this experiment should show.' })),
    seed: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 4294967295, default: 1, description: "Experiment seed (a uint32); every trial's seed derives from it, the cell and the trial index." }),
    ),
    data: Type.Optional(DataSchema),
    model: Type.Optional(ModelSchema),
    training: Type.Optional(TrainingSchema),
    pruning: Type.Optional(PruningSchema),
    trials: Type.Optional(Type.Integer({ minimum: 1, default: 2, description: 'Independent trials (pruning chains) per sweep cell.' })),
  },
  {
    title: 'Lottery-ticket experiment',
    description: 'Find winning tickets by iterative magnitude pruning and measure test error against training-set size and density. Every field has a default; a list where a number is expected is a sweep axis.',
    additionalProperties: false,
  },
);

/** A lottery-ticket file as written (fields optional where a default exists). */
export type LotteryTicketFile = Static<typeof LotteryTicketSchema>;
export type DatasetChoice = Exclude<Exclude<LotteryTicketFile['data'], undefined>['dataset'], undefined>;
