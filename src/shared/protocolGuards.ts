// Run-time checks for the messages of protocol.ts, derived from its schemas. Every receiver
// (panel, extension host, trainer child) runs incoming data through these and logs a malformed
// message's problem ("append.records[3].trial: expected an integer, got string "x"") before
// dropping it.
import { HOST_TO_PANEL_MESSAGES, INSPECTOR_MESSAGES, PANEL_TO_HOST_MESSAGES, RUN_EVENTS, TRAINER_COMMANDS } from './protocol';
import type { HostToPanelMessage, InspectorMessage, PanelToHostMessage, RunEvent, TrainerCommand } from './protocol';
import { RunManifestSchema, type RunManifest } from './runManifest';
import { checker, messageChecker } from './schemaCheck';
import { TrialRecordSchema, type TrialRecord } from './trialRecord';

export type { CheckResult } from './schemaCheck';

/** Checks a message the extension host sent to the panel. */
export const checkHostToPanelMessage = messageChecker<HostToPanelMessage>(HOST_TO_PANEL_MESSAGES, 'message');
/** Checks a message the panel sent to the extension host. */
export const checkPanelToHostMessage = messageChecker<PanelToHostMessage>(PANEL_TO_HOST_MESSAGES, 'message');
/** Checks an event from the trainer child or `lth run --events json`. */
export const checkRunEvent = messageChecker<RunEvent>(RUN_EVENTS, 'event');
/** Checks a command the host sent to the trainer child. */
export const checkTrainerCommand = messageChecker<TrainerCommand>(TRAINER_COMMANDS, 'command');
/** Checks a message of the trial inspector child. */
export const checkInspectorMessage = messageChecker<InspectorMessage>(INSPECTOR_MESSAGES, 'message');
/** Checks one trial record (e.g. a line of trials.jsonl); the name says where it is in the problem text. */
export const checkTrialRecord = checker<TrialRecord>(TrialRecordSchema, 'record');
/** Checks a run folder's manifest.json content (after manifestUpgrade for older versions' manifests). */
export const checkRunManifest = checker<RunManifest>(RunManifestSchema, 'manifest');
