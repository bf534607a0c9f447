// The sample complexity of tickets on real data, the counterpart of the teacher-student phase
// boundary: per density, the training-set size N at which the mean test error first reaches a
// target, interpolated in log N between the grid's sizes (as the boundary N* is).
import type { TrialRecord } from '../../../shared/trialRecord';
import type { BandPoint } from '../../analysis/chartData';
import { describe } from '../../analysis/statistics';

/** Mean test error per N, sorted by N, of the given records (one density, one variant). */
function errorByN(records: readonly TrialRecord[]): Array<{ n: number; error: number; trials: number }> {
  const byN = new Map<number, number[]>();
  for (const record of records) {
    if (typeof record.testError !== 'number') continue;
    const n = record.trainSize as number;
    byN.set(n, [...(byN.get(n) ?? []), record.testError]);
  }
  return [...byN.entries()].map(([n, errors]) => ({ n, error: describe(errors).mean, trials: errors.length })).sort((left, right) => left.n - right.n);
}

/**
 * The N where the mean test error crosses `target`: the smallest N of the grid when it is met
 * there already (an upper bound), none when no N of the grid meets it.
 */
export function samplesToReach(points: ReadonlyArray<{ n: number; error: number }>, target: number): number | null {
  const index = points.findIndex((point) => point.error <= target);
  if (index < 0) return null;
  if (index === 0) return points[0].n;
  const before = points[index - 1];
  const after = points[index];
  const fraction = (before.error - target) / (before.error - after.error);
  if (fraction >= 1) return after.n; // met exactly at a grid size: that size, without rounding noise
  return Math.exp(Math.log(before.n) + fraction * (Math.log(after.n) - Math.log(before.n)));
}

/** One point per round that reaches the target: x = the round's density, y = the samples it needs. */
export function samplesNeededPoints(records: readonly TrialRecord[], target: number): BandPoint[] {
  const rounds = [...new Set(records.map((record) => record.round as number))].sort((left, right) => left - right);
  return rounds.flatMap((round) => {
    const ofRound = records.filter((record) => record.round === round);
    const points = errorByN(ofRound);
    const needed = samplesToReach(points, target);
    if (needed === null) return [];
    const density = describe(ofRound.map((record) => record.density as number)).mean;
    const trials = Math.min(...points.map((point) => point.trials));
    return [{ x: density, count: trials, mean: needed, median: needed, std: 0, min: needed, max: needed }];
  });
}
