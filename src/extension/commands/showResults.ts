// "Show results": the results panel of an experiment file, beside the editor.
import { resolveExperimentFile, resultsTargetFor } from '../experimentFiles';
import type { ExtensionServices } from '../services';

export async function showResults({ panels }: ExtensionServices, argument: unknown): Promise<void> {
  const file = await resolveExperimentFile(argument, 'show the results of');
  if (!file) return;
  panels.show(await resultsTargetFor(file));
}
