// What the in-host tests (test/inhost/) may see of the extension's insides: activate() returns
// these only in a test session (see index.ts), so users never get them.
import type * as vscode from 'vscode';
import { resultsTargetFor } from '../experimentFiles';
import type { PanelRequest, PostedMessage } from '../panel/webviewPanelHost';
import type { ExperimentsView } from '../experimentsView';
import type { RunIndex } from '../runIndex';
import type { ExtensionServices } from '../services';

export interface LthLabTestHooks {
  /** Activation time of this session, as logged. */
  activationMs: number;
  /** The results panel of `file`, if open: resolves when its page said ready; lists what it was sent. */
  resultsPanel(
    file: vscode.Uri,
  ): Promise<{ ready: Promise<void>; postedMessages: readonly PostedMessage[]; handleRequest(request: PanelRequest): Promise<void> } | undefined>;
  /** Number of live runs. */
  liveRuns(): number;
  /** Experiment files (uri strings) whose "Cannot run" notice is still shown. */
  refusalsShown(): string[];
  /** Run folders and trial logs the CodeLens index has read from disk so far. */
  runIndexReads(): number;
  /** What the LTH Experiments view lists (uri strings). */
  experimentsViewFiles(): Promise<string[]>;
}

/** Parts of the extension outside the services that the hooks look into. */
export interface TestedParts {
  runIndex: RunIndex;
  experimentsView: ExperimentsView;
}

export interface LthLabApi {
  testHooks?: LthLabTestHooks;
}

export function createTestHooks(services: ExtensionServices, activationMs: number, { runIndex, experimentsView }: TestedParts): LthLabTestHooks {
  return {
    activationMs,
    async resultsPanel(file) {
      const panel = services.panels.get(await resultsTargetFor(file));
      return panel && { ready: panel.ready, postedMessages: panel.postedMessages, handleRequest: (request) => panel.handleRequest(request) };
    },
    liveRuns: () => services.registry.all().length,
    refusalsShown: () => services.diagnostics.refusals.shown(),
    runIndexReads: () => runIndex.reads,
    experimentsViewFiles: async () => (await experimentsView.getChildren()).map((file) => file.toString()),
  };
}
