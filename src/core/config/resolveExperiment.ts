// Experiment file -> resolved experiment, through the family its `kind` names; the name
// defaults to the file's name (see experimentName.ts).
import type { ResolvedExperiment } from '../../shared/runManifest';
import { familyOf } from '../families/registry';
import { experimentNameOf } from './experimentName';

/** Resolves a schema-valid experiment file of a registered kind (see parseExperimentText for the checks). */
export function resolveExperiment(file: { kind: string }, fileName: string): ResolvedExperiment {
  return familyOf(file.kind).resolve(file, experimentNameOf(file, fileName));
}
