// The experiment a cluster run is made for: loaded and checked before any script is written, so
// that an invalid file fails here, in front of the person, not in N jobs on the cluster.
import { resolve } from 'node:path';
import { formatProblem } from '../config/experimentProblem';
import { loadExperimentFile } from '../config/loadExperimentFile';
import { experimentHash } from '../sweep/experimentHash';
import { errorMessage } from '../../shared/errorMessage';

export interface ClusterExperiment {
  /** Absolute: the jobs run elsewhere, from another working folder. */
  configPath: string;
  experiment: string;
  configHash: string;
}

/** Loads `configPath`; throws an Error whose message lists the file's problems (FILE:LINE:COL: ...). */
export async function loadClusterExperiment(configPath: string): Promise<ClusterExperiment> {
  let result;
  try {
    result = await loadExperimentFile(configPath);
  } catch (error) {
    throw new Error(errorMessage(error));
  }
  if (!result.ok) {
    throw new Error(`${configPath} is not a valid experiment file:\n${result.problems.map((problem) => formatProblem(configPath, problem)).join('\n')}`);
  }
  return { configPath: resolve(configPath), experiment: result.experiment.name, configHash: experimentHash(result.experiment) };
}
