// The extension's settings (contributes.configuration in package.json), read and checked in
// one place. Only a type import of vscode: the caller passes the configuration, so this is
// unit-tested with a plain object.
import { isAbsolute, resolve } from 'node:path';
import type * as vscode from 'vscode';

export interface LthSettings {
  /** Worker threads for the trainer; undefined = the trainer's default (all cores). */
  workers: number | undefined;
  /** Absolute folder under which <experiment>/<timestamp>/ run folders go. */
  runsRoot: string;
  /** Minimum time between two batches of live results sent to a panel. */
  liveUpdateIntervalMs: number;
}

export const SETTINGS_SECTION = 'lthLab';
export const DEFAULT_RUNS_FOLDER = '.lth/runs';
export const DEFAULT_LIVE_UPDATE_INTERVAL_MS = 500;

type SettingsSource = Pick<vscode.WorkspaceConfiguration, 'get'>;

/**
 * Reads lthLab.* from `configuration`; a relative runsFolder is taken from `baseFolder` (the
 * workspace folder of the experiment, else its directory). A bad value is an error that names
 * the setting, the value and what was expected.
 */
export function readSettings(configuration: SettingsSource, baseFolder: string): LthSettings {
  const workers = configuration.get<unknown>('workers', 0);
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 0) {
    throw new Error(`Setting ${SETTINGS_SECTION}.workers: expected a whole number >= 0 (0 = all cores), got ${JSON.stringify(workers)}`);
  }
  const runsFolder = configuration.get<unknown>('runsFolder', DEFAULT_RUNS_FOLDER);
  if (typeof runsFolder !== 'string' || runsFolder.trim() === '') {
    throw new Error(`Setting ${SETTINGS_SECTION}.runsFolder: expected a folder path (relative to the workspace folder, or absolute), got ${JSON.stringify(runsFolder)}`);
  }
  const interval = configuration.get<unknown>('liveUpdateIntervalMs', DEFAULT_LIVE_UPDATE_INTERVAL_MS);
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < 0) {
    throw new Error(`Setting ${SETTINGS_SECTION}.liveUpdateIntervalMs: expected a number of milliseconds >= 0, got ${JSON.stringify(interval)}`);
  }
  return {
    workers: workers === 0 ? undefined : workers,
    runsRoot: isAbsolute(runsFolder) ? runsFolder : resolve(baseFolder, runsFolder),
    liveUpdateIntervalMs: interval,
  };
}
