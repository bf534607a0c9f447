// The identity of an experiment's trials: equal hashes mean the same trials (RunManifest.configHash).
// Uses node:crypto, so it sits apart from the browser-safe sweep files.
import { createHash } from 'node:crypto';
import type { ResolvedExperiment } from '../../shared/runManifest';
import { canonicalJson } from './canonicalJson';

/**
 * sha256 (hex) of the canonical JSON of the resolved experiment. Left out or normalized because
 * they do not change any trial: `name` and `description`, and the order of each axis's values
 * (sorted ascending), so renaming a file or reordering a list keeps the hash.
 */
export function experimentHash(experiment: ResolvedExperiment): string {
  const { name: _name, description: _description, ...trialsDefinition } = experiment;
  const axes = Object.fromEntries(Object.entries(experiment.axes).map(([axis, values]) => [axis, [...values].sort((a, b) => a - b)]));
  return createHash('sha256').update(canonicalJson({ ...trialsDefinition, axes })).digest('hex');
}
