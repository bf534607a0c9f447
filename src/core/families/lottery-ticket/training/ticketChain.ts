// One pruning chain (one trial of a cell), as a worker runs it: train the dense network (round
// 0), then per round prune, rewind the survivors and train the ticket, and train each control on
// the same seeds. Each network's record is sent as soon as it is done, with the masks later
// rounds need, so a chain cut off mid-way resumes after its last finished network.
import type { TrialIo } from '../../../execution/workerProtocol';
import { trialStream } from '../../../random/trialStreams';
import type { ImageDataset } from '../data/imageDataset';
import { createMlpNetwork } from '../network/createNetwork';
import type { MlpNetwork, OptimizerSettings } from '../network/mlpNetwork';
import { chainParts, type TicketChainSpec, type TicketMetrics } from '../types';
import { initializeNetwork, ORIGINAL_INIT } from './initialization';
import { packMasks, unpackMasks } from './maskBits';
import { captureState, restoreState, setMasks, type NetworkState } from './networkState';
import { densities, inputUsage, magnitudePrune, randomMasksLike, type PruningRule } from './pruning';
import { chainData, replaySteps, trainNetwork, type ChainData } from './trainNetwork';

/** What every trial of a run shares: the data set, loaded once into shared memory. */
export interface TicketContext {
  dataset: ImageDataset;
}

function optimizerOf(spec: TicketChainSpec): OptimizerSettings {
  return spec.optimizer === 'adam'
    ? { kind: 'adam', learningRate: spec.learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }
    : { kind: 'sgd', learningRate: spec.learningRate, momentum: spec.momentum };
}

/** The artifact holding the mask of round `round`. */
const maskName = (round: number) => `mask-${round}`;

export function runTicketChain(spec: TicketChainSpec, io: TrialIo): object {
  const { dataset } = io.context as TicketContext;
  const layerSizes = [dataset.rows * dataset.columns, ...spec.hiddenLayers, dataset.classes];
  const network = createMlpNetwork(layerSizes, spec.batchSize);
  network.setOptimizer(optimizerOf(spec));
  const dense = network.layerSizes.slice(1).map((out, layer) => new Uint8Array(out * layerSizes[layer]).fill(1));
  const data = chainData(network, dataset, spec);
  const rule: PruningRule = { scope: spec.scope, fraction: spec.fraction, outputFraction: spec.outputFraction };
  const rewind = spec.rewindIteration;

  // Masks of the rounds to come, as the finished parts left them.
  const masks = new Map<number, Uint8Array[]>([[0, dense]]);
  for (const artifacts of io.resume?.artifacts ?? []) {
    for (const [name, bits] of Object.entries(artifacts)) if (name.startsWith('mask-')) masks.set(Number(name.slice(5)), unpackMasks(bits, layerSizes));
  }
  /** A mask found for a later round: kept here, and returned packed for the run folder. */
  const keepMask = (round: number, mask: Uint8Array[]) => {
    masks.set(round, mask);
    return packMasks(mask);
  };
  const maskOf = (round: number) => {
    const mask = masks.get(round);
    if (!mask) throw new Error(`the mask of round ${round} is missing from the run folder; the chain cannot resume`);
    return mask;
  };

  const parts = chainParts(spec.rounds, spec.controls);
  const done = io.resume?.parts.length ?? 0;
  let rewindState: NetworkState | undefined = done > 0 ? replayRewindPoint(network, spec, data, dense) : undefined;

  for (let index = done; index < parts.length; index++) {
    const { round, variant } = parts[index];
    const started = performance.now();
    let mask: Uint8Array[];
    let artifacts: Record<string, Uint8Array> = {};
    let outcome;
    if (round === 0) {
      mask = dense;
      initializeNetwork(network, spec.init, spec.seed, ORIGINAL_INIT);
      setMasks(network, dense);
      outcome = trainNetwork(network, data, 0, spec.iterations, (iteration) => {
        if (iteration === rewind) rewindState = captureState(network);
      });
      const trained = weightsOf(network);
      // IMP prunes each ticket for the next round; one-shot prunes the dense network once per round.
      const rounds = spec.method === 'imp' ? Math.min(1, spec.rounds) : spec.rounds;
      for (let next = 1; next <= rounds; next++) artifacts[maskName(next)] = keepMask(next, magnitudePrune(trained, dense, rule, next));
    } else {
      const ticketMask = maskOf(round);
      if (variant === 'random-prune') mask = randomMasksLike(ticketMask, trialStream(spec.seed, 'mask', round));
      else mask = ticketMask;
      if (variant === 'random-reinit') initializeNetwork(network, spec.init, spec.seed, round);
      else restoreState(network, rewindState as NetworkState);
      setMasks(network, mask);
      outcome = trainNetwork(network, data, rewind, spec.iterations);
      if (variant === 'ticket' && spec.method === 'imp' && round < spec.rounds) {
        artifacts = { [maskName(round + 1)]: keepMask(round + 1, magnitudePrune(weightsOf(network), mask, rule, 1)) };
      }
    }
    // The ticket's first-layer mask as a picture: which pixels it still looks at.
    const usage = variant === 'ticket' ? { inputUsage: inputUsage(mask[0], layerSizes[0]) } : {};
    const metrics: TicketMetrics = { round, variant, ...densities(mask), ...usage, ...outcome, seconds: (performance.now() - started) / 1000 };
    io.emitPart({ metrics, artifacts });
  }
  return {};
}

function weightsOf(network: MlpNetwork): Float32Array[] {
  return network.layerSizes.slice(1).map((_, layer) => network.weights(layer));
}

/** The rewind point of a resumed chain: the original initialization, trained densely up to the rewind iteration again (deterministic). */
function replayRewindPoint(network: MlpNetwork, spec: TicketChainSpec, data: ChainData, dense: Uint8Array[]): NetworkState {
  initializeNetwork(network, spec.init, spec.seed, ORIGINAL_INIT);
  setMasks(network, dense);
  replaySteps(network, data, spec.rewindIteration);
  return captureState(network);
}
