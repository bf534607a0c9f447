// The experiment a cluster run is made for: loaded and checked before any script is written, so
// that an invalid file fails here, in front of the person, not in N jobs on the cluster.
import { resolve } from 'node:path';
import { loadValidExperimentFile } from '../config/loadExperimentFile';
import { experimentHash } from '../sweep/experimentHash';

export interface ClusterExperiment {
  /** Absolute: the jobs run elsewhere, from another working folder. */
  configPath: string;
  experiment: string;
  configHash: string;
}

/** Loads `configPath`; throws an Error whose message lists the file's problems (FILE:LINE:COL: ...). */
export async function loadClusterExperiment(configPath: string): Promise<ClusterExperiment> {
  const { experiment } = await loadValidExperimentFile(configPath);
  return { configPath: resolve(configPath), experiment: experiment.name, configHash: experimentHash(experiment) };
}
