// What every trial record is, whatever its experiment kind: one line of a run folder's
// trials.jsonl, and what the trial-completed event and the panel's messages carry. A family
// adds its sweep-axis values and its metrics as further numeric (or null, boolean, label,
// structured) fields; which ones is said by the family's registry of axes and metrics, not here.
import { Type, type Static } from '@sinclair/typebox';

/**
 * A record field's value: numbers (null where JSON cannot hold NaN or Infinity), flags, short
 * labels (e.g. which variant of a pruning round), or structured data such as a curve.
 */
const RecordValue = Type.Union([Type.Number(), Type.Null(), Type.Boolean(), Type.String({ maxLength: 64 }), Type.Object({}), Type.Array(Type.Unknown())], {
  description: 'a number, null, true/false, a label of at most 64 characters, an object or an array',
});

export const TrialRecordSchema = Type.Object(
  {
    /** Canonical key of the sweep cell (stable across runs and worker counts). */
    cell: Type.String(),
    trial: Type.Integer({ minimum: 0 }),
    seed: Type.Integer({ minimum: 0 }),
    /**
     * Set instead of the metrics when the trial's training threw (e.g. an overflow with label
     * noise of 1e155): why, in words. A failed trial counts as done — the same seed would fail
     * again — and is left out of every statistic and chart.
     */
    failed: Type.Optional(Type.String()),
  },
  { additionalProperties: RecordValue },
);

/** Base fields plus the family's axis values and metrics (read through the family's registries). */
export type TrialRecord = Static<typeof TrialRecordSchema> & { readonly [field: string]: unknown };

/**
 * Identifies a record across folders and messages: the same (cell, trial) — and part, for kinds
 * whose trials yield several records — is the same computation.
 */
export function trialKey(record: { cell: string; trial: number; part?: unknown }): string {
  return typeof record.part === 'number' ? `${record.cell}#${record.trial}#${record.part}` : `${record.cell}#${record.trial}`;
}

/** Whether a record is a trial that failed (see TrialRecordSchema.failed) rather than a measurement. */
export function isFailedTrial(record: TrialRecord): boolean {
  return typeof record.failed === 'string';
}

/** The records that measured something: what statistics and charts are made of. */
export function measuredRecords(records: readonly TrialRecord[]): TrialRecord[] {
  return records.filter((record) => !isFailedTrial(record));
}

/**
 * The progress `records` stand for, counted like a run's totalTrials (records): one each, except
 * a failed part of a trial with `parts` records, which stands for itself and the parts that never came.
 */
export function recordsDone(records: readonly TrialRecord[], parts: number): number {
  return records.reduce((sum, record) => sum + (isFailedTrial(record) && typeof record.part === 'number' ? Math.max(1, parts - record.part) : 1), 0);
}
