// Checks of a convex-region file beyond the schema: settings it never reads, a flat subspace
// larger than Lanczos can give, and a scan so fine it would take hours.
import type { PathIssue } from '../../../config/experimentProblem';
import type { ExperimentFile } from '../schema';
import { withDefaults } from '../defaults';
import type { ConvexRegionSettings } from '../types';

/** Grid points per direction (maxRadius / resolution) past which the scan is probably a slip. */
const LONG_SCAN_POINTS = 100_000;

export function convexRegionIssues(file: ExperimentFile): PathIssue[] {
  const convexRegion = file.analysis?.convexRegion;
  if (!convexRegion) return [];
  const issues: PathIssue[] = [];
  for (const section of ['training', 'evaluation'] as const) {
    if (file[section] !== undefined) {
      issues.push({ path: [section], message: `ignored: with analysis.convexRegion a trial measures the landscape at W* and trains nothing`, severity: 'warning' });
    }
  }
  const { flatSubspace, lanczosSteps, maxRadius, resolution } = withDefaults(file).analysis?.convexRegion as ConvexRegionSettings;
  if (flatSubspace > lanczosSteps) {
    issues.push({
      path: ['analysis', 'convexRegion', 'flatSubspace'],
      message: `${flatSubspace} exceeds lanczosSteps ${lanczosSteps}: Lanczos gives at most that many Ritz vectors, so directions come from the ${lanczosSteps} it has`,
      severity: 'warning',
    });
  }
  if (maxRadius / resolution > LONG_SCAN_POINTS) {
    issues.push({
      path: ['analysis', 'convexRegion', convexRegion.resolution === undefined ? 'maxRadius' : 'resolution'],
      message: `maxRadius ${maxRadius} / resolution ${resolution} = ${Math.round(maxRadius / resolution)} grid points per direction (each a pass over the N samples); expected at most ${LONG_SCAN_POINTS}`,
      severity: 'warning',
    });
  }
  return issues;
}
