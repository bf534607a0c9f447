// One recorded trial of a run folder, run again for its weights: its cell and trial index give
// the same spec (and seed) as when it ran, so the networks are the ones that were measured. The
// machine check of a run applies (one trial of the sweep's largest size must fit).
import type { TrialWeights } from '../../shared/protocol';
import { planResources } from '../execution/resourcePlan';
import { familyOf } from '../families/registry';
import { BUILT_IN_TRIAL_INSPECTORS } from '../families/trialInspectors';
import { readRunFolder } from '../runs/runReader';

export function inspectTrial(runDir: string, cell: string, trial: number): TrialWeights {
  const { manifest, records } = readRunFolder(runDir);
  const inspector = BUILT_IN_TRIAL_INSPECTORS[manifest.kind];
  if (inspector === undefined) throw new Error(`trials of kind "${manifest.kind}" have no weights to show`);
  const record = records.find((candidate) => candidate.cell === cell && candidate.trial === trial);
  if (record === undefined) throw new Error(`${runDir} has no record of trial ${trial} of cell ${cell}`);
  if (typeof record.failed === 'string') throw new Error(`trial ${trial} of cell ${cell} failed (${record.failed}): it has no weights`);
  const family = familyOf(manifest.kind);
  planResources(family, manifest.resolved, { workers: 1, trialsToRun: 1 });
  const cellValues = Object.fromEntries(family.axes.map((axis) => [axis.name, record[axis.name] as number]));
  return inspector(family.trialSpec(manifest.resolved, cellValues, trial) as never);
}
