// Experiment file -> resolved experiment, through the family its `kind` names; the name
// defaults to the file's name.
import type { ResolvedExperiment } from '../../shared/runManifest';
import { familyOf } from '../families/registry';

/** "runs/phase-transition.lth.json" -> "phase-transition" (also strips a plain .json). */
export function experimentNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const name = base.replace(/\.lth\.json$/i, '').replace(/\.json$/i, '');
  return name === '' ? 'experiment' : name;
}

/** Resolves a schema-valid experiment file of a registered kind (see parseExperimentText for the checks). */
export function resolveExperiment(file: { kind: string }, fileName: string): ResolvedExperiment {
  return familyOf(file.kind).resolve(file, experimentNameFromFileName(fileName));
}
