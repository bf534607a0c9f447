// Checks of a convex-region file beyond the schema: settings it never reads, and a flat
// subspace larger than Lanczos can give.
import type { PathIssue } from '../../../config/experimentProblem';
import type { ExperimentFile } from '../schema';
import { withDefaults } from '../defaults';
import type { ConvexRegionSettings } from '../types';

export function convexRegionIssues(file: ExperimentFile): PathIssue[] {
  const convexRegion = file.analysis?.convexRegion;
  if (!convexRegion) return [];
  const issues: PathIssue[] = [];
  for (const section of ['training', 'evaluation'] as const) {
    if (file[section] !== undefined) {
      issues.push({ path: [section], message: `ignored: with analysis.convexRegion a trial measures the landscape at W* and trains nothing`, severity: 'warning' });
    }
  }
  const { flatSubspace, lanczosSteps } = withDefaults(file).analysis?.convexRegion as ConvexRegionSettings;
  if (flatSubspace > lanczosSteps) {
    issues.push({
      path: ['analysis', 'convexRegion', 'flatSubspace'],
      message: `${flatSubspace} exceeds lanczosSteps ${lanczosSteps}: Lanczos gives at most that many Ritz vectors, so directions come from the ${lanczosSteps} it has`,
      severity: 'warning',
    });
  }
  return issues;
}
