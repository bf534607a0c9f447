// Settings of the adaptive search the schema cannot check: a range to search, and a budget
// that pays for the coarse pass.
import type { PathIssue } from '../../../config/experimentProblem';
import type { FilledExperimentFile } from '../defaults';
import { coarseSamples } from './coarseSamples';

export function adaptiveIssues(filled: FilledExperimentFile): PathIssue[] {
  const samples = filled.samples;
  if (typeof samples !== 'object' || Array.isArray(samples)) return [];
  const settings = samples.adaptive;
  const where = (field: string) => ['samples', 'adaptive', field];
  if (settings.max <= settings.min) return [{ path: where('max'), message: `${settings.max} is not above min ${settings.min}; expected a range to search`, severity: 'error' }];
  const coarsePass = coarseSamples(settings).length * filled.trials;
  if (settings.trials < coarsePass) {
    return [
      {
        path: where('trials'),
        message: `${settings.trials} trainings per r do not pay for the coarse pass (${coarseSamples(settings).length} N × trials ${filled.trials} = ${coarsePass}); expected at least ${coarsePass}, and more to bisect`,
        severity: 'error',
      },
    ];
  }
  return [];
}
