// The one message contract between the trainer child, the CLI (--events json), the
// extension host and the panel webview. Every message is a discriminated union on `type`;
// receivers check messages with the guards in protocolGuards.ts and drop malformed ones.
import type { TrialRecord } from '../core/families/teacher-student/types';
import type { RunManifest, RunStatus } from '../core/runs/runManifest';

// ---- trainer (child process or CLI) -> whoever runs it ----------------------------------

export type RunEvent =
  | { type: 'run-started'; runDir: string; manifest: RunManifest; totalTrials: number; completedTrials: number }
  | { type: 'trial-completed'; record: TrialRecord; completedTrials: number; totalTrials: number }
  | { type: 'run-finished'; status: Exclude<RunStatus, 'running'>; completedTrials: number; totalTrials: number; seconds: number; message?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

// ---- extension host -> trainer child ------------------------------------------------------

export type TrainerCommand = { type: 'cancel' };

/** How the host starts a trainer child: passed as its single argv JSON argument. */
export interface TrainerLaunch {
  configPath: string;
  /** Root under which <experiment>/<timestamp>/ run folders are created, or an exact folder to resume. */
  outDir: string;
  resumeDir?: string;
  workers?: number;
}

// ---- extension host <-> panel webview -----------------------------------------------------

/** A run folder as the panel sees it: its manifest and the trials read so far. */
export interface RunSnapshot {
  runId: string;
  runDir: string;
  manifest: RunManifest;
  records: TrialRecord[];
}

export type HostToPanelMessage =
  | { type: 'snapshot'; experiment: string; runs: RunSnapshot[]; selectedRunIds: string[] }
  | { type: 'append'; runId: string; records: TrialRecord[] }
  | { type: 'run-status'; runId: string; status: RunStatus; completedTrials: number; totalTrials: number }
  | { type: 'error'; message: string }
  | { type: 'theme-changed' }
  /**
   * The "Export chart / data" command: the panel answers with ONE save-file holding all its
   * charts (png: the charts drawn onto one image; csv: one table with a `chart` column).
   */
  | { type: 'export-request'; kind: 'png' | 'csv' };

export type PanelToHostMessage =
  | { type: 'ready' }
  | { type: 'select-runs'; runIds: string[] }
  | { type: 'save-file'; suggestedName: string; kind: 'png' | 'csv'; /** base64 for png, text for csv */ content: string }
  | { type: 'open-run-folder'; runId: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };
