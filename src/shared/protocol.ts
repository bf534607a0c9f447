// The one message contract between the trainer child, the CLI (--events json), the extension
// host and the panel webview, as TypeBox schemas: the types below and the run-time guards of
// protocolGuards.ts both derive from them. Every message is a union on `type`; extra fields are
// allowed (a newer sender may add some), missing or mistyped ones are not.
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { RunManifestSchema, RUN_STATUSES, type RunManifest } from './runManifest';
import { TrialRecordSchema, type TrialRecord } from './trialRecord';

const LogLevel = Type.Union([Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')]);
const ExportKind = Type.Union([Type.Literal('png'), Type.Literal('csv')]);
const Status = Type.Union(RUN_STATUSES.map((status) => Type.Literal(status)));
const FinalStatus = Type.Union([Type.Literal('completed'), Type.Literal('cancelled'), Type.Literal('failed')]);
const Progress = { completedTrials: Type.Number(), totalTrials: Type.Number() };
/** One shard of a cluster run (lth slurm): how its newest run folder stands; "pending" before it has one. */
const ShardProgressSchema = Type.Object({
  index: Type.Integer({ minimum: 1 }),
  status: Type.Union([...RUN_STATUSES.map((status) => Type.Literal(status)), Type.Literal('pending')]),
  ...Progress,
});
export type ShardProgress = Static<typeof ShardProgressSchema>;

// ---- trainer (child process or CLI) -> whoever runs it ----------------------------------

export const RUN_EVENTS = [
  Type.Object({ type: Type.Literal('run-started'), runDir: Type.String(), manifest: RunManifestSchema, ...Progress }),
  Type.Object({ type: Type.Literal('trial-completed'), record: TrialRecordSchema, ...Progress }),
  Type.Object({ type: Type.Literal('run-finished'), status: FinalStatus, ...Progress, seconds: Type.Number(), message: Type.Optional(Type.String()) }),
  Type.Object({ type: Type.Literal('log'), level: LogLevel, message: Type.String() }),
  // A cluster run's shards as their folders stand (sent by the extension's watch of a Slurm run;
  // the progress fields are the whole sweep's).
  Type.Object({ type: Type.Literal('shard-progress'), shards: Type.Array(ShardProgressSchema), ...Progress }),
] satisfies TObject[];

type WithRecords<T> = T extends { record: unknown } ? Omit<T, 'record'> & { record: TrialRecord } : T;
type WithManifest<T> = T extends { manifest: unknown } ? Omit<T, 'manifest'> & { manifest: RunManifest } : T;
export type RunEvent = WithManifest<WithRecords<Static<(typeof RUN_EVENTS)[number]>>>;

// ---- extension host -> trainer child ------------------------------------------------------

/** One run of a trainer: its single argv JSON argument, or the `run` command of a warm trainer (--serve). */
const TrainerLaunchSchema = Type.Object({
  configPath: Type.String({ minLength: 1 }),
  /** Root under which <experiment>/<timestamp>/ run folders are created, or an exact folder to resume. */
  outDir: Type.String({ minLength: 1 }),
  resumeDir: Type.Optional(Type.String()),
  workers: Type.Optional(Type.Integer({ minimum: 1 })),
  /** The experiment file relative to its workspace folder, for the manifest (see RunManifest.experimentFile). */
  experimentFile: Type.Optional(Type.String()),
});
export type TrainerLaunch = Static<typeof TrainerLaunchSchema>;

/** The trainer's argument that makes it a warm trainer, taking `run` commands until it is stopped. */
export const TRAINER_SERVE_ARGUMENT = '--serve';

/** `run` starts a run on a warm trainer (one at a time); `cancel` stops the current one. */
export const TRAINER_COMMANDS = [Type.Object({ type: Type.Literal('cancel') }), Type.Object({ type: Type.Literal('run'), launch: TrainerLaunchSchema })] satisfies TObject[];
export type TrainerCommand = Static<(typeof TRAINER_COMMANDS)[number]>;

// ---- extension host <-> panel webview -----------------------------------------------------

const RunSnapshotSchema = Type.Object({
  runId: Type.String(),
  runDir: Type.String(),
  manifest: RunManifestSchema,
  records: Type.Array(TrialRecordSchema),
  label: Type.Optional(Type.String()),
});

/** A run folder as the panel sees it: its manifest, the trials read so far, and the user's label of it. */
export interface RunSnapshot {
  runId: string;
  runDir: string;
  manifest: RunManifest;
  records: TrialRecord[];
  /** What the user called the run (see core/runs/runLabel.ts); absent when unnamed. */
  label?: string;
}

/** A label of a run: one line, short enough for a legend. */
export const RUN_LABEL_MAX_LENGTH = 80;

/**
 * One trial's networks, re-computed on request for the panel's trial view (records keep no
 * weights): K × d matrices row-major, the teacher's and the student's, and where the student's
 * mask keeps an entry.
 */
export const TrialWeightsSchema = Type.Object({
  rows: Type.Integer({ minimum: 1 }),
  columns: Type.Integer({ minimum: 1 }),
  matrices: Type.Array(Type.Object({ label: Type.String(), values: Type.Array(Type.Number()) })),
  /** 1 where the student's mask keeps the entry, 0 elsewhere (row-major). */
  kept: Type.Array(Type.Number()),
  /** The re-run's final relative weight error, for the view to compare with the record's. */
  relativeError: Type.Number(),
});
export type TrialWeights = Static<typeof TrialWeightsSchema>;

export const HOST_TO_PANEL_MESSAGES = [
  // experimentFile: the panel's file relative to its workspace folder, when known: runs that
  // record another file (a copy keeping the name) are told apart.
  Type.Object({
    type: Type.Literal('snapshot'),
    experiment: Type.String(),
    runs: Type.Array(RunSnapshotSchema),
    selectedRunIds: Type.Array(Type.String()),
    experimentFile: Type.Optional(Type.String()),
  }),
  Type.Object({ type: Type.Literal('append'), runId: Type.String(), records: Type.Array(TrialRecordSchema) }),
  Type.Object({ type: Type.Literal('run-status'), runId: Type.String(), status: Status, ...Progress }),
  Type.Object({ type: Type.Literal('error'), message: Type.String() }),
  Type.Object({ type: Type.Literal('theme-changed') }),
  // The "Export chart / data" command: the panel answers with ONE save-file holding all its
  // charts (png: the charts drawn onto one image; csv: one table with a `chart` column).
  // publication (png): white, print-sized text, 3x resolution; perTrial (csv): a row per trial instead.
  Type.Object({ type: Type.Literal('export-request'), kind: ExportKind, publication: Type.Optional(Type.Boolean()), perTrial: Type.Optional(Type.Boolean()) }),
  // Per-shard progress of the live cluster run shown as `runId`.
  Type.Object({ type: Type.Literal('shard-progress'), runId: Type.String(), shards: Type.Array(ShardProgressSchema) }),
  // The answer to an inspect-trial: the weights, or why there are none (cancelled, refused, failed).
  Type.Object({ type: Type.Literal('trial-weights'), requestId: Type.String(), weights: TrialWeightsSchema }),
  Type.Object({ type: Type.Literal('trial-weights-failed'), requestId: Type.String(), message: Type.String() }),
] satisfies TObject[];

type WithSnapshotRuns<T> = T extends { runs: unknown } ? Omit<T, 'runs'> & { runs: RunSnapshot[] } : T;
type WithRecordLists<T> = T extends { records: unknown } ? Omit<T, 'records'> & { records: TrialRecord[] } : T;
export type HostToPanelMessage = WithRecordLists<WithSnapshotRuns<Static<(typeof HOST_TO_PANEL_MESSAGES)[number]>>>;

export const PANEL_TO_HOST_MESSAGES = [
  Type.Object({ type: Type.Literal('ready') }),
  Type.Object({ type: Type.Literal('select-runs'), runIds: Type.Array(Type.String()) }),
  // content: base64 for png, text for csv
  Type.Object({ type: Type.Literal('save-file'), suggestedName: Type.String(), kind: ExportKind, content: Type.String() }),
  Type.Object({ type: Type.Literal('open-run-folder'), runId: Type.String() }),
  Type.Object({ type: Type.Literal('log'), level: LogLevel, message: Type.String() }),
  // Re-runs one trial (in a child process) for its weights; a newer request or a cancel ends it.
  Type.Object({ type: Type.Literal('inspect-trial'), requestId: Type.String(), runId: Type.String(), cell: Type.String(), trial: Type.Integer({ minimum: 0 }) }),
  Type.Object({ type: Type.Literal('cancel-inspection'), requestId: Type.String() }),
  // An empty label removes the run's label.
  Type.Object({ type: Type.Literal('label-run'), runId: Type.String(), label: Type.String({ maxLength: RUN_LABEL_MAX_LENGTH }) }),
] satisfies TObject[];
export type PanelToHostMessage = Static<(typeof PANEL_TO_HOST_MESSAGES)[number]>;

// ---- trial inspector child -> extension host ----------------------------------------------

/** How the host starts a trial inspector child (argv[2] as JSON): which trial of which run folder. */
export interface InspectorLaunch {
  runDir: string;
  cell: string;
  trial: number;
}

export const INSPECTOR_MESSAGES = [
  Type.Object({ type: Type.Literal('weights'), weights: TrialWeightsSchema }),
  Type.Object({ type: Type.Literal('failed'), message: Type.String() }),
] satisfies TObject[];
export type InspectorMessage = Static<(typeof INSPECTOR_MESSAGES)[number]>;
