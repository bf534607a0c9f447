// Section (e) of the benchmark's results — the lottery-ticket family against PyTorch on CPU — as
// written to bench/results/latest.json (`tickets`), and its rendering as printed tables.
import type { Target, Timing } from './results';

export interface TicketStepRow {
  /** Hidden layers' density; the output layer's is outputDensity (Frankle & Carbin's rates). */
  density: number;
  outputDensity: number;
  /** bench/mlpStep.ts, WASM network, one thread: ms per step, one sample per repeat (each the median of its inner repeats). */
  oursMs: Timing;
  oursPaths: string;
  /** The same, each of two bench/mlpStep.ts processes running at the same time (their mean, one sample per repeat). */
  oursTwoAtOnceMs: Timing;
  /** PyTorch ms per step by way of masking ('dense' at 100%), one sample per repeat (each the median of its inner repeats). */
  pytorchMs?: Partial<Record<'dense' | 'mask-after-step' | 'prune-reparam', Timing>>;
  /** PyTorch's forward pass alone (no autograd) of one batch, ms, median over the repeats, by way of masking. */
  pytorchForwardMs?: Partial<Record<'dense' | 'mask-after-step' | 'prune-reparam', number>>;
}

export interface TicketChainRow {
  rounds: number;
  /** Fraction of the prunable weights left after the last round. */
  density: number;
  /** runExperiment on one worker, from the call to the last round's record (start-up and data load included). */
  oursSeconds: Timing;
  /** Inside Python, from the chain's start to its last network (no interpreter start, import or data load). */
  pytorchSeconds?: Timing;
  /** The longest chain only: PyTorch's process from spawn to exit (interpreter start, import torch and the data load included). */
  pytorchProcessSeconds?: Timing;
}

export interface TicketProfileStep {
  density: number;
  paths: string;
  /** Forward pass of one batch (evaluate on 128 rows: forward and loss, no gradients). */
  forwardMs: number;
  /** computeGradients minus the forward pass: softmax gradient and backward. */
  backwardMs: number;
  /** applyUpdate: the SGD update of weights and biases. */
  updateMs: number;
  totalMs: number;
}

export interface TicketProfileNetwork {
  density: number;
  iterations: number;
  /** One network of a chain: trainNetwork as the chain calls it, in this process. */
  seconds: number;
  /** Inside trainStep (the WASM step). */
  stepSeconds: number;
  /** Inside evaluate (validation every evaluateEvery, test twice, training subset once). */
  evaluateSeconds: number;
  evaluatedImages: number;
  /** The rest: batch gathers and normalization, batch order, state copies. */
  otherSeconds: number;
}

export interface TicketBenchResults {
  settings: {
    layerSizes: number[];
    batchSize: number;
    optimizer: string;
    learningRate: number;
    iterations: number;
    evaluateEvery: number;
    trainSize: number;
    validationSize: number;
    fraction: number;
    outputFraction: number;
    repeats: number;
  };
  pytorch: {
    available: boolean;
    skippedReason?: string;
    torch?: string;
    blas?: string;
    /** False when the baseline ran on the reference BLAS (then no target is judged against it). */
    fair?: boolean;
    openBlasSource?: string;
    maskMethod: string;
  };
  steps: TicketStepRow[];
  /** PyTorch's dense step on 2 threads, with libgomp's default wait policy and with OMP_WAIT_POLICY=PASSIVE. */
  twoThreads?: { defaultPolicyMs: Timing; passiveMs: Timing };
  chains: TicketChainRow[];
  /** Of our chain times: the run's start before the first network trains (config, worker start, data load). */
  oursStartupSeconds: Timing;
  /**
   * How many cores other work on the machine kept busy, on average, during each repeat's run
   * (/proc/stat's busy time minus the measured side's own CPU time, over the wall time): on 2
   * cores, 1 means a whole core was taken from the benchmark.
   */
  otherCores: { oursChain: number[]; pytorchChain: number[]; sweepOneWorker: number[]; sweepTwoWorkers: number[] };
  /** Test error of the dense network (round 0) and the last ticket at the same iterations, each side (first repeat). */
  accuracy: { iterations: number; ours: { dense: number; last: number }; pytorch?: { dense: number; last: number } };
  sweep: {
    trainSizes: number[];
    rounds: number;
    trials: number;
    chains: number;
    networks: number;
    /** runExperiment from call to return. */
    oneWorker: Timing;
    twoWorkers: Timing;
    /** The networks' own seconds (inside the workers) per worker: above the 1-worker figure on 2 workers = the workers slow each other down. */
    trainingSecondsPerWorker: { oneWorker: Timing; twoWorkers: Timing };
  };
  profile: { steps: TicketProfileStep[]; networks: TicketProfileNetwork[]; pytorchNetwork?: { stepSeconds: number; otherSeconds: number } };
  targets: Target[];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

const ms = (timing: Timing | undefined) => (timing ? `${timing.median.toFixed(2)} (${timing.min.toFixed(2)})` : '-');
const seconds = (timing: Timing | undefined) => (timing ? `${timing.median.toFixed(1)} (${timing.min.toFixed(1)})` : '-');
const cores = (values: number[]) => (values.length > 0 ? values.map((value) => value.toFixed(2)).join(' / ') : '-');
const percent = (value: number) => `${(100 * value).toFixed(value < 0.1 ? 1 : 0)}%`;

/** The best PyTorch time of a step row: its dense step, or the faster of its masking ways. */
export function pytorchBest(row: TicketStepRow): Timing | undefined {
  const candidates = Object.values(row.pytorchMs ?? {}).filter((timing): timing is Timing => timing !== undefined);
  return candidates.sort((left, right) => left.median - right.median)[0];
}

export function renderTicketResults(results: TicketBenchResults): string {
  const { settings, pytorch } = results;
  const lines = [
    `(e) lottery tickets vs PyTorch: LeNet-${settings.layerSizes.slice(1, -1).join('-')}, batch ${settings.batchSize}, ${settings.optimizer} lr ${settings.learningRate}, one thread / one worker; ` +
      `ms and seconds are medians of ${settings.repeats} repeats (minimum in brackets)`,
    pytorch.available
      ? `  PyTorch ${pytorch.torch} on ${pytorch.blas}${pytorch.fair === false ? '' : ' — fair'}; masks: ${pytorch.maskMethod}`
      : `  PyTorch part skipped: ${pytorch.skippedReason}`,
    '',
    '  ms per step (density hidden / output):',
    indent(
      table([
        ['density', 'ours (WASM)', 'ours, 2 at once', 'layer paths', 'PyTorch dense', 'PyTorch mask-after-step', 'PyTorch prune-reparam', 'PyTorch best / ours'],
        ...results.steps.map((row) => {
          const best = pytorchBest(row);
          return [
            `${percent(row.density)} / ${percent(row.outputDensity)}`,
            ms(row.oursMs),
            ms(row.oursTwoAtOnceMs),
            row.oursPaths,
            ms(row.pytorchMs?.dense),
            ms(row.pytorchMs?.['mask-after-step']),
            ms(row.pytorchMs?.['prune-reparam']),
            best ? `${(best.median / row.oursMs.median).toFixed(2)}×` : '-',
          ];
        }),
      ]),
    ),
  ];
  if (results.twoThreads) {
    lines.push(`  PyTorch dense step on 2 threads: ${ms(results.twoThreads.defaultPolicyMs)} ms with libgomp's default wait policy, ${ms(results.twoThreads.passiveMs)} ms with OMP_WAIT_POLICY=PASSIVE`);
  }
  lines.push(
    '',
    `  IMP chain wall time, ${settings.iterations} iterations per network, evaluation every ${settings.evaluateEvery}, N = ${settings.trainSize} (seconds):`,
    indent(
      table([
        ['rounds', 'weights left', 'ours, 1 worker', 'PyTorch, 1 thread', 'PyTorch process', 'PyTorch / ours'],
        ...results.chains.map((row) => [
          String(row.rounds),
          percent(row.density),
          seconds(row.oursSeconds),
          seconds(row.pytorchSeconds),
          seconds(row.pytorchProcessSeconds),
          row.pytorchSeconds ? `${(row.pytorchSeconds.median / row.oursSeconds.median).toFixed(2)}×` : '-',
        ]),
      ]),
    ),
    `  ours includes ${results.oursStartupSeconds.median.toFixed(1)} s of start-up (worker, data load); PyTorch's chain times exclude its start (import torch, data load: see "PyTorch process")`,
    `  other work on the machine during the chains (cores busy, per repeat): ours ${cores(results.otherCores.oursChain)}, PyTorch ${cores(results.otherCores.pytorchChain)}`,
    `  test error after ${results.accuracy.iterations} iterations, dense / last ticket: ours ${percent(results.accuracy.ours.dense)} / ${percent(results.accuracy.ours.last)}` +
      (results.accuracy.pytorch ? `, PyTorch ${percent(results.accuracy.pytorch.dense)} / ${percent(results.accuracy.pytorch.last)}` : ''),
    '',
    `  sweep: N = ${results.sweep.trainSizes.join(', ')} × ${results.sweep.trials} trial, ${results.sweep.rounds} rounds (${results.sweep.networks} networks): ` +
      `1 worker ${seconds(results.sweep.oneWorker)} s, 2 workers ${seconds(results.sweep.twoWorkers)} s: ${(results.sweep.oneWorker.median / results.sweep.twoWorkers.median).toFixed(2)}× ` +
      `(${(results.sweep.oneWorker.min / results.sweep.twoWorkers.min).toFixed(2)}× from the minima)`,
    `    other work on the machine (cores busy, per repeat): ${cores(results.otherCores.sweepOneWorker)} during the 1-worker runs, ${cores(results.otherCores.sweepTwoWorkers)} during the 2-worker runs`,
    `    training seconds per worker (inside the workers): ${seconds(results.sweep.trainingSecondsPerWorker.oneWorker)} on 1 worker, ${seconds(results.sweep.trainingSecondsPerWorker.twoWorkers)} on 2`,
    '',
    '  profile, our step (ms): forward / backward / update',
    indent(
      table([
        ['density', 'paths', 'forward', 'backward', 'update', 'total'],
        ...results.profile.steps.map((row) => [percent(row.density), row.paths, row.forwardMs.toFixed(2), row.backwardMs.toFixed(2), row.updateMs.toFixed(2), row.totalMs.toFixed(2)]),
      ]),
    ),
    '  profile, one network of a chain (seconds): steps / evaluations / the rest',
    indent(
      table([
        ['density', 'seconds', 'steps', 'evaluations (images)', 'rest'],
        ...results.profile.networks.map((row) => [
          percent(row.density),
          row.seconds.toFixed(2),
          row.stepSeconds.toFixed(2),
          `${row.evaluateSeconds.toFixed(2)} (${row.evaluatedImages})`,
          row.otherSeconds.toFixed(2),
        ]),
      ]),
    ),
  );
  if (results.profile.pytorchNetwork) {
    const { stepSeconds, otherSeconds } = results.profile.pytorchNetwork;
    lines.push(`  PyTorch, one network of its chain (median): steps ${stepSeconds.toFixed(2)} s, evaluations and the rest ${otherSeconds.toFixed(2)} s`);
  }
  lines.push(
    '',
    '  Targets:',
    ...results.targets.map((target) => `    ${target.met ? 'met    ' : 'MISSED '} ${target.description}: ${target.measured.toFixed(2)}× (target ≥ ${target.target}×)`),
  );
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
