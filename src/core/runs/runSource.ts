// Which experiment file a run came from. Runs are filed by experiment name, and a copy of a file
// keeps its name: the manifest's experimentFile tells the copy's runs from the original's. Pure
// (the panel bundles it).
import type { RunManifest } from '../../shared/runManifest';

/**
 * Whether a run belongs to `experimentFile` (workspace-relative, '/' separators). A run that
 * recorded no file (made before files were recorded) or a caller that knows no file: yes.
 */
export function isRunOfFile(manifest: Pick<RunManifest, 'experimentFile'>, experimentFile: string | undefined): boolean {
  return experimentFile === undefined || manifest.experimentFile === undefined || manifest.experimentFile === experimentFile;
}

/** The other files whose runs share this experiment's name, sorted. */
export function otherSourceFiles(manifests: ReadonlyArray<Pick<RunManifest, 'experimentFile'>>, experimentFile: string | undefined): string[] {
  if (experimentFile === undefined) return [];
  const others = manifests.map((manifest) => manifest.experimentFile).filter((file): file is string => file !== undefined && file !== experimentFile);
  return [...new Set(others)].sort();
}
