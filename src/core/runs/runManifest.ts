import type { ExperimentFile } from '../families/teacher-student/schema';

export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed';

/** manifest.json of a run folder: what was run, by what, where, and how it ended. */
export interface RunManifest {
  /** The experiment's name (also the parent folder's name). */
  experiment: string;
  /** The experiment file as run (comments stripped, defaults not filled). */
  config: ExperimentFile;
  /** sha256 of the canonical resolved experiment: equal hashes mean the same trials. */
  configHash: string;
  toolVersion: string;
  seed: number;
  machine: { platform: string; arch: string; cpus: number; cpuModel: string; node: string };
  /** This folder's subset of the sweep, when it was run with --shard i/n. */
  shard?: { index: number; count: number };
  totalTrials: number;
  startedAt: string;
  /** When the folder was resumed (re-run into), in order; absent if never. */
  resumedAt?: string[];
  endedAt?: string;
  status: RunStatus;
}
