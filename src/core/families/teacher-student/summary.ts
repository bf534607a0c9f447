// The teacher-student part of `lth summarize`: the phase boundary N*(r) when the sweep is over
// both N and r, and its lines under the table.
import { formatNumber } from '../../../shared/formatNumber';
import type { SweepSummaryExtra } from '../experimentFamily';
import { phaseBoundary, type BoundaryCell, type PhaseBoundary } from './phaseBoundary';
import { boundaryTheory, type BoundaryTheory } from './theory/boundaryTheory';
import { theoryLines } from './theory/theorySummary';
import type { Experiment } from './types';

/** The measured boundary and, beside it, the theory's N* = c·r (null when no r crosses 50%). */
type BoundarySummary = PhaseBoundary & { theory: BoundaryTheory | null };

export const PHASE_BOUNDARY_SUMMARY: SweepSummaryExtra = {
  key: 'phaseBoundary',
  /** Present (not null) only when both samples and nonzerosPerNeuron are swept. */
  compute(cells, variedAxes, experiment): BoundarySummary | null {
    if (!(variedAxes.includes('samples') && variedAxes.includes('nonzerosPerNeuron'))) return null;
    const boundaryCells = cells as unknown as BoundaryCell[];
    const hiddenUnits = (experiment as Experiment | undefined)?.hiddenUnits;
    return { ...phaseBoundary(boundaryCells), theory: boundaryTheory(boundaryCells, hiddenUnits === undefined ? {} : { hiddenUnits }) };
  },
  text(value, cells) {
    const boundary = value as BoundarySummary | null;
    if (!boundary) return 'Phase boundary: not applicable (needs a sweep over both samples and nonzerosPerNeuron).';
    const samplesAt = (r: number) => cells.filter((cell) => cell.values.nonzerosPerNeuron === r).map((cell) => cell.values.samples);
    const lines = ['Phase boundary N*(r): success rate crossing 0.5, interpolated in log N'];
    for (const crossing of boundary.crossings) {
      const where =
        crossing.status === 'crossed'
          ? `N* = ${formatNumber(crossing.criticalSamples)}`
          : crossing.status === 'always-succeeds'
            ? `always succeeds (N* <= ${Math.min(...samplesAt(crossing.nonzerosPerNeuron))})`
            : `never succeeds (N* > ${Math.max(...samplesAt(crossing.nonzerosPerNeuron))})`;
      lines.push(`  r = ${String(crossing.nonzerosPerNeuron).padEnd(4)} ${where}`);
    }
    const fit = boundary.fit;
    lines.push(
      fit
        ? `Fit N* = a·r + b: a = ${formatNumber(fit.slope)}, b = ${formatNumber(fit.intercept)}, R² = ${fit.rSquared.toFixed(3)} (${fit.points} points)`
        : 'Fit N* = a·r + b: needs crossings at two or more values of r',
    );
    lines.push(...theoryLines(boundary.theory ?? null));
    return lines.join('\n');
  },
};
