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
