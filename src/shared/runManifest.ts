// manifest.json of a run folder: what was run (the file as written and the experiment as
// resolved), by what, where, and how it ended. Extra fields are allowed (a newer version may
// add some); readers of this version's older manifests go through core/runs/manifestUpgrade.ts.
import { Type, type Static } from '@sinclair/typebox';

export const RUN_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const Status = Type.Union(RUN_STATUSES.map((status) => Type.Literal(status)));

/**
 * The experiment with every default filled in and its sweep axes as lists: what the trials
 * were made from. Its other settings belong to its family.
 */
export const ResolvedExperimentSchema = Type.Object({
  kind: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  seed: Type.Integer({ minimum: 0 }),
  trials: Type.Integer({ minimum: 1 }),
  /** Every sweep axis of the family with its values in file order (one value when not swept). */
  axes: Type.Record(Type.String(), Type.Array(Type.Number())),
});
/** A family's resolved experiment extends this with its own settings. */
export type ResolvedExperiment = Static<typeof ResolvedExperimentSchema>;

export const RunManifestSchema = Type.Object({
  /** The experiment's name (also the parent folder's name). */
  experiment: Type.String(),
  /**
   * The experiment file that was run, relative to the workspace (the CLI: its working folder),
   * with '/' separators: runs are matched to their file by it, since two files may share a name.
   * Absent in runs made before it was recorded.
   */
  experimentFile: Type.Optional(Type.String()),
  /** The experiment kind: which family made and reads these trials. */
  kind: Type.String(),
  /** The experiment file as run (comments stripped, defaults not filled). */
  config: Type.Object({}),
  resolved: ResolvedExperimentSchema,
  /** sha256 of the canonical resolved experiment: equal hashes mean the same trials. */
  configHash: Type.String(),
  toolVersion: Type.String(),
  seed: Type.Number(),
  machine: Type.Object({ platform: Type.String(), arch: Type.String(), cpus: Type.Number(), cpuModel: Type.String(), node: Type.String() }),
  /** This folder's subset of the sweep, when it was run with --shard i/n. */
  shard: Type.Optional(Type.Object({ index: Type.Integer({ minimum: 1 }), count: Type.Integer({ minimum: 1 }) })),
  totalTrials: Type.Number(),
  startedAt: Type.String(),
  /** When the folder was resumed (re-run into), in order; absent if never. */
  resumedAt: Type.Optional(Type.Array(Type.String())),
  endedAt: Type.Optional(Type.String()),
  status: Status,
});
export type RunManifest = Static<typeof RunManifestSchema> & { resolved: ResolvedExperiment };
