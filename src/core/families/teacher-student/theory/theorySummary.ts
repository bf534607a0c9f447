// The theory's lines under the phase boundary in `lth summarize`: the constant c of N* = c·r for
// the run's K, with its bootstrap interval, and each r's crossing interval.
import { formatNumber } from '../../../../shared/formatNumber';
import type { BoundaryTheory, Interval } from './boundaryTheory';

function intervalText(interval: Interval): string {
  return `[${formatNumber(interval.low)}, ${interval.high === null ? '∞' : formatNumber(interval.high)}]`;
}

export function theoryLines(theory: BoundaryTheory | null): string[] {
  if (theory === null) return ['Theory N* = c·r: no r crosses 50% within the grid, nothing to fit'];
  const perK = theory.hiddenUnits === undefined ? '' : ` at K = ${theory.hiddenUnits}`;
  return [
    `Theory N* = c·r${perK}: c = ${formatNumber(theory.constant)}, 95% interval ${intervalText(theory.constantInterval)} ` +
      `(bootstrap over trials, ${theory.replicates} resamplings, seed ${theory.seed}); predicted success 1/(1 + (c·r/N)^s), s = ${formatNumber(theory.steepness)}`,
    `  95% intervals of N*(r): ${theory.crossingIntervals.map((interval) => `r = ${interval.nonzerosPerNeuron} ${intervalText(interval)}`).join(', ')}`,
  ];
}
