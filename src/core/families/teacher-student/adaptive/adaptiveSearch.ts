// The adaptive search for the phase boundary (samples {"adaptive": ...}), as a phased sweep.
// Lines are the grid's cells without N (each r with every combination of the other axes).
// Phase 0: the coarse pass, `trials` trainings at each of its log-spaced N, for every line.
// Each later phase: per line still open, `trials` more trainings at the N nearest the estimated
// 50% crossing, the geometric mid-point of the bracket around it on the rate made monotone
// (bisection in log N); once the bracket holds no integer between its ends, at the end with fewer trials.
// A line closes when its crossing's 95% bootstrap interval is narrower than width·N*, when it
// always or never succeeds within [min, max], or when its budget cannot pay another probe.
// Trial indices count up per cell, so seeds (experiment seed, cell, trial) never repeat.
import { RandomStream } from '../../../random/randomStream';
import { murmurHash3Text } from '../../../sweep/murmurHash3';
import type { EarlierJob, PhasedSweep } from '../../../sweep/phasedSweep';
import { cellCount, cellKey, sweepCells } from '../../../sweep/sweepCells';
import { isCellOfGrid } from '../../../sweep/sweepMembership';
import type { TrialJob } from '../../../sweep/trialJobs';
import { trialSeed } from '../../../sweep/trialSeed';
import type { SweepCell } from '../../experimentFamily';
import { monotoneCrossing, type BoundaryCell } from '../phaseBoundary';
import { crossingIntervals } from '../theory/boundaryTheory';
import type { AdaptiveSamples, Experiment } from '../types';

/** Bootstrap resamplings behind each stopping decision. */
const DECISION_REPLICATES = 200;

interface Probe {
  samples: number;
  trials: number;
  successes: number;
}

/** Where one line stands: its probes by N, sorted, and the trainings it has spent. */
interface LineState {
  cell: SweepCell;
  probes: Probe[];
  spent: number;
}

/** The most trainings the search can run: per line, its budget in whole probes (the coarse pass at least). */
export function adaptiveMaxTrainings(experiment: Experiment, settings: AdaptiveSamples): number {
  const lines = cellCount(experiment) / experiment.axes.samples.length;
  return lines * Math.max(Math.floor(settings.trials / experiment.trials), experiment.axes.samples.length) * experiment.trials;
}

export function adaptiveSearch(axes: readonly string[], experiment: Experiment): PhasedSweep | undefined {
  const settings = experiment.adaptiveSamples;
  if (!settings) return undefined;
  const perProbe = experiment.trials;
  // The lines: the grid at its first N, N then set per probe.
  const lines = [...sweepCells(axes, { ...experiment, axes: { ...experiment.axes, samples: [settings.min] } })];
  const coarse = experiment.axes.samples;

  const job = (line: SweepCell, samples: number, trial: number): TrialJob => {
    const cell = { ...line, samples };
    const key = cellKey(axes, cell);
    return { cell, cellKey: key, trial, seed: trialSeed(experiment.seed, key, trial) };
  };
  const probeJobs = (line: SweepCell, samples: number, firstTrial: number) => Array.from({ length: perProbe }, (_, index) => job(line, samples, firstTrial + index));

  return {
    maxJobs: adaptiveMaxTrainings(experiment, settings),
    nextPhase(earlier) {
      if (earlier.length === 0) return lines.flatMap((line) => coarse.flatMap((samples) => probeJobs(line, samples, 0)));
      return lineStates(axes, lines, earlier).flatMap((state) => {
        if (state.spent + perProbe > settings.trials) return [];
        const samples = nextSamples(state, settings, decisionStream(experiment.seed, axes, state));
        if (samples === null) return [];
        return probeJobs(state.cell, samples, state.probes.find((probe) => probe.samples === samples)?.trials ?? 0);
      });
    },
    outside(key, trial) {
      const samples = Number(/^samples=([^,]*)/.exec(key)?.[1]);
      if (!(Number.isInteger(samples) && samples >= settings.min && samples <= settings.max)) return `cell "${key}" has no N in the adaptive range [${settings.min}, ${settings.max}]`;
      if (!isCellOfGrid(axes, { ...experiment, axes: { ...experiment.axes, samples: [samples] } }, key)) return `cell "${key}" is not a cell of this run's sweep`;
      if (trial >= settings.trials) return `trial ${trial} is past the ${settings.trials} trainings per r of this run's adaptive search`;
      return undefined;
    },
  };
}

/** Each line's probes from the earlier jobs' records (a trial without a record, or a failed one, counts as no success). */
function lineStates(axes: readonly string[], lines: readonly SweepCell[], earlier: readonly EarlierJob[]): LineState[] {
  const byLine = new Map<string, LineState>(lines.map((cell) => [lineKey(axes, cell), { cell, probes: [], spent: 0 }]));
  for (const { job, records } of earlier) {
    const state = byLine.get(lineKey(axes, job.cell)) as LineState;
    state.spent++;
    let probe = state.probes.find((candidate) => candidate.samples === job.cell.samples);
    if (!probe) state.probes.push((probe = { samples: job.cell.samples, trials: 0, successes: 0 }));
    probe.trials++;
    if (records[0]?.success === true) probe.successes++;
  }
  for (const state of byLine.values()) state.probes.sort((left, right) => left.samples - right.samples);
  return [...byLine.values()];
}

function lineKey(axes: readonly string[], cell: SweepCell): string {
  return cellKey(axes.filter((axis) => axis !== 'samples'), cell);
}

/** A stream for the line's stopping decision, fixed by what the line has spent: replays decide alike. */
function decisionStream(seed: number, axes: readonly string[], state: LineState): RandomStream {
  return new RandomStream(murmurHash3Text(`${lineKey(axes, state.cell)}#${state.spent}`, seed));
}

/** The N of the line's next probe, or null when the line is done. */
export function nextSamples(state: Pick<LineState, 'probes'>, settings: { width: number }, random: RandomStream): number | null {
  const { probes } = state;
  const crossing = monotoneCrossing(probes);
  if (crossing.status !== 'crossed') return null; // N* ≤ min or N* > max: nothing to bisect
  const [below, above] = [probes[crossing.below], probes[crossing.above]];
  const estimate = crossing.criticalSamples as number;
  // Narrow enough when both the bracket (the probes' resolution) and the bootstrap interval (the trials' noise) are.
  if ((above.samples - below.samples) / estimate <= settings.width) {
    const cells: BoundaryCell[] = probes.map((probe) => ({ values: { nonzerosPerNeuron: 0, samples: probe.samples }, trials: probe.trials, successes: probe.successes }));
    const [interval] = crossingIntervals(cells, DECISION_REPLICATES, random).intervals;
    if (interval.high !== null && (interval.high - interval.low) / estimate <= settings.width) return null;
  }
  const middle = Math.round(Math.sqrt(below.samples * above.samples));
  if (middle > below.samples && middle < above.samples) return middle;
  return below.trials <= above.trials ? below.samples : above.samples;
}
