// Run-time checks for the messages of protocol.ts. Every receiver (panel, extension host,
// trainer child) runs incoming data through these: a malformed message becomes a readable
// problem ("append.records[3].curve.iterations: expected an array of numbers, got string")
// that the receiver logs before dropping the message, instead of an exception deep inside.
// Extra fields are allowed (newer senders may add some); missing or mistyped ones are not.
import { SWEEP_AXES, type TrialRecord } from '../core/families/teacher-student/types';
import type { RunManifest, RunStatus } from '../core/runs/runManifest';
import type { HostToPanelMessage, PanelToHostMessage, RunEvent, TrainerCommand } from './protocol';

export type CheckResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Thrown inside the checkers only; the exported functions turn it into a CheckResult. */
class Malformed extends Error {}

type Fields = Record<string, unknown>;

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `number ${value}`;
  return typeof value;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new Malformed(`${path}: expected ${expected}, got ${describeValue(value)}`);
}

function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Fields;
}

function number(fields: Fields, key: string, path: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || Number.isNaN(value)) fail(`${path}.${key}`, 'a number', value);
  return value;
}

function nullableNumber(fields: Fields, key: string, path: string): void {
  if (fields[key] !== null) number(fields, key, path);
}

function string(fields: Fields, key: string, path: string): string {
  const value = fields[key];
  if (typeof value !== 'string') fail(`${path}.${key}`, 'a string', value);
  return value;
}

function optionalString(fields: Fields, key: string, path: string): void {
  if (fields[key] !== undefined) string(fields, key, path);
}

function boolean(fields: Fields, key: string, path: string): void {
  if (typeof fields[key] !== 'boolean') fail(`${path}.${key}`, 'true or false', fields[key]);
}

function oneOf<T extends string>(fields: Fields, key: string, allowed: readonly T[], path: string): T {
  const value = fields[key];
  if (!allowed.includes(value as T)) fail(`${path}.${key}`, `one of ${allowed.map((item) => `"${item}"`).join(', ')}`, value);
  return value as T;
}

function array(fields: Fields, key: string, path: string): unknown[] {
  const value = fields[key];
  if (!Array.isArray(value)) fail(`${path}.${key}`, 'an array', value);
  return value;
}

function numberArray(fields: Fields, key: string, path: string): number[] {
  const values = array(fields, key, path);
  values.forEach((value, index) => {
    if (typeof value !== 'number') fail(`${path}.${key}[${index}]`, 'a number', value);
  });
  return values as number[];
}

function stringArray(fields: Fields, key: string, path: string): void {
  array(fields, key, path).forEach((value, index) => {
    if (typeof value !== 'string') fail(`${path}.${key}[${index}]`, 'a string', value);
  });
}

const RUN_STATUSES: readonly RunStatus[] = ['running', 'completed', 'cancelled', 'failed'];
const LOG_LEVELS = ['info', 'warn', 'error'] as const;

function trialRecord(value: unknown, path: string): TrialRecord {
  const fields = object(value, path);
  string(fields, 'cell', path);
  for (const axis of SWEEP_AXES) number(fields, axis, path);
  for (const key of ['pruningRatio', 'trial', 'seed', 'relativeError', 'initialRelativeError', 'generalizationError',
    'relativeGeneralizationError', 'iterations', 'trainLoss', 'seconds']) number(fields, key, path);
  for (const key of ['convergenceRate', 'iterationsTo1e3', 'iterationsTo1e6']) nullableNumber(fields, key, path);
  boolean(fields, 'success', path);
  const curve = object(fields.curve, `${path}.curve`);
  const iterations = numberArray(curve, 'iterations', `${path}.curve`);
  const errors = numberArray(curve, 'relativeError', `${path}.curve`);
  if (iterations.length !== errors.length) {
    throw new Malformed(`${path}.curve.relativeError: expected ${iterations.length} values (as many as curve.iterations), got ${errors.length}`);
  }
  return value as TrialRecord;
}

function records(fields: Fields, key: string, path: string): void {
  array(fields, key, path).forEach((record, index) => trialRecord(record, `${path}.${key}[${index}]`));
}

function runManifest(value: unknown, path: string): RunManifest {
  const fields = object(value, path);
  string(fields, 'experiment', path);
  object(fields.config, `${path}.config`);
  string(fields, 'configHash', path);
  string(fields, 'toolVersion', path);
  number(fields, 'seed', path);
  object(fields.machine, `${path}.machine`);
  if (fields.shard !== undefined) {
    const shard = object(fields.shard, `${path}.shard`);
    number(shard, 'index', `${path}.shard`);
    number(shard, 'count', `${path}.shard`);
  }
  number(fields, 'totalTrials', path);
  string(fields, 'startedAt', path);
  if (fields.resumedAt !== undefined) stringArray(fields, 'resumedAt', path);
  optionalString(fields, 'endedAt', path);
  oneOf(fields, 'status', RUN_STATUSES, path);
  return value as RunManifest;
}

function progress(fields: Fields, path: string): void {
  number(fields, 'completedTrials', path);
  number(fields, 'totalTrials', path);
}

function hostToPanel(value: unknown): HostToPanelMessage {
  const fields = object(value, 'message');
  const type = oneOf(fields, 'type', ['snapshot', 'append', 'run-status', 'error', 'theme-changed', 'export-request'], 'message');
  const path = type;
  switch (type) {
    case 'snapshot':
      string(fields, 'experiment', path);
      array(fields, 'runs', path).forEach((run, index) => {
        const runPath = `${path}.runs[${index}]`;
        const runFields = object(run, runPath);
        string(runFields, 'runId', runPath);
        string(runFields, 'runDir', runPath);
        runManifest(runFields.manifest, `${runPath}.manifest`);
        records(runFields, 'records', runPath);
      });
      stringArray(fields, 'selectedRunIds', path);
      break;
    case 'append':
      string(fields, 'runId', path);
      records(fields, 'records', path);
      break;
    case 'run-status':
      string(fields, 'runId', path);
      oneOf(fields, 'status', RUN_STATUSES, path);
      progress(fields, path);
      break;
    case 'error':
      string(fields, 'message', path);
      break;
    case 'theme-changed':
      break;
    case 'export-request':
      oneOf(fields, 'kind', ['png', 'csv'], path);
      break;
  }
  return value as HostToPanelMessage;
}

function panelToHost(value: unknown): PanelToHostMessage {
  const fields = object(value, 'message');
  const type = oneOf(fields, 'type', ['ready', 'select-runs', 'save-file', 'open-run-folder', 'log'], 'message');
  const path = type;
  switch (type) {
    case 'ready':
      break;
    case 'select-runs':
      stringArray(fields, 'runIds', path);
      break;
    case 'save-file':
      string(fields, 'suggestedName', path);
      oneOf(fields, 'kind', ['png', 'csv'], path);
      string(fields, 'content', path);
      break;
    case 'open-run-folder':
      string(fields, 'runId', path);
      break;
    case 'log':
      oneOf(fields, 'level', LOG_LEVELS, path);
      string(fields, 'message', path);
      break;
  }
  return value as PanelToHostMessage;
}

function runEvent(value: unknown): RunEvent {
  const fields = object(value, 'event');
  const type = oneOf(fields, 'type', ['run-started', 'trial-completed', 'run-finished', 'log'], 'event');
  const path = type;
  switch (type) {
    case 'run-started':
      string(fields, 'runDir', path);
      runManifest(fields.manifest, `${path}.manifest`);
      progress(fields, path);
      break;
    case 'trial-completed':
      trialRecord(fields.record, `${path}.record`);
      progress(fields, path);
      break;
    case 'run-finished':
      oneOf(fields, 'status', ['completed', 'cancelled', 'failed'], path);
      progress(fields, path);
      number(fields, 'seconds', path);
      optionalString(fields, 'message', path);
      break;
    case 'log':
      oneOf(fields, 'level', LOG_LEVELS, path);
      string(fields, 'message', path);
      break;
  }
  return value as RunEvent;
}

function trainerCommand(value: unknown): TrainerCommand {
  const fields = object(value, 'command');
  oneOf(fields, 'type', ['cancel'], 'command');
  return value as TrainerCommand;
}

function checked<T>(check: (value: unknown) => T): (value: unknown) => CheckResult<T> {
  return (value) => {
    try {
      return { ok: true, value: check(value) };
    } catch (error) {
      if (error instanceof Malformed) return { ok: false, problem: error.message };
      throw error;
    }
  };
}

/** Checks a message the extension host sent to the panel. */
export const checkHostToPanelMessage = checked(hostToPanel);
/** Checks a message the panel sent to the extension host. */
export const checkPanelToHostMessage = checked(panelToHost);
/** Checks an event from the trainer child or `lth run --events json`. */
export const checkRunEvent = checked(runEvent);
/** Checks a command the host sent to the trainer child. */
export const checkTrainerCommand = checked(trainerCommand);
/** Checks one trial record (e.g. a line of trials.jsonl); `path` names it in the problem text. */
export const checkTrialRecord = (value: unknown, path = 'record'): CheckResult<TrialRecord> =>
  checked((item) => trialRecord(item, path))(value);
/** Checks a run folder's manifest.json content. */
export const checkRunManifest = (value: unknown, path = 'manifest'): CheckResult<RunManifest> =>
  checked((item) => runManifest(item, path))(value);
