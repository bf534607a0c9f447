// The open results panels, one per experiment (runs root + name): shown beside the editor,
// found again when asked twice, and restored after a window reload.
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { RunRegistry } from '../runner/runRegistry';
import { isResultsTarget, RESULTS_VIEW_TYPE, resultsTargetKey, type ResultsTarget } from './resultsTarget';
import { ResultsPanel, resultsPanelTitle } from './resultsPanel';

/** workspaceState key of the last target shown: restores a panel whose page kept no state. */
const LAST_TARGET_KEY = 'lthLab.lastResultsTarget';

export interface ResultsPanelsOptions {
  context: vscode.ExtensionContext;
  log: Log;
  registry: RunRegistry;
  liveUpdateIntervalMs: () => number;
  recordMessages: boolean;
}

export class ResultsPanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, ResultsPanel>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly options: ResultsPanelsOptions) {
    this.registration = vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, this);
  }

  /** Opens (or reveals) the panel of `target` beside the active editor; resolves once created. */
  show(target: ResultsTarget, preserveFocus = false): ResultsPanel {
    const existing = this.panels.get(resultsTargetKey(target));
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      resultsPanelTitle(target),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      // No retainContextWhenHidden: the page rebuilds from a snapshot on every load, which is
      // cheap, and a hidden panel then costs no memory.
      { enableFindWidget: true },
    );
    return this.adopt(panel, target);
  }

  get(target: ResultsTarget): ResultsPanel | undefined {
    return this.panels.get(resultsTargetKey(target));
  }

  /** The panel the user looked at last (for commands that act on "the" panel). */
  active(): ResultsPanel | undefined {
    const all = [...this.panels.values()];
    return all.find((item) => item.panel.active) ?? all.find((item) => item.panel.visible) ?? all.at(-1);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = (state as { host?: unknown } | undefined)?.host;
    const target = isResultsTarget(saved) ? saved : this.options.context.workspaceState.get<unknown>(LAST_TARGET_KEY);
    if (!isResultsTarget(target)) {
      this.options.log.warn('a results panel could not be restored: it kept no record of its experiment');
      panel.dispose();
      return;
    }
    this.options.log.info(`restoring the results panel of ${target.experimentName}`);
    this.adopt(panel, target);
  }

  dispose(): void {
    this.registration.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, target: ResultsTarget): ResultsPanel {
    const key = resultsTargetKey(target);
    panel.title = resultsPanelTitle(target);
    const media = vscode.Uri.joinPath(this.options.context.extensionUri, 'media');
    panel.iconPath = { light: vscode.Uri.joinPath(media, 'lth-panel-light.svg'), dark: vscode.Uri.joinPath(media, 'lth-panel-dark.svg') };
    const resultsPanel = new ResultsPanel({
      panel,
      extensionUri: this.options.context.extensionUri,
      log: this.options.log,
      target,
      registry: this.options.registry,
      liveUpdateIntervalMs: this.options.liveUpdateIntervalMs(),
      selectionStore: this.options.context.workspaceState,
      recordMessages: this.options.recordMessages,
    });
    this.panels.set(key, resultsPanel);
    resultsPanel.onDidDispose(() => {
      if (this.panels.get(key) === resultsPanel) this.panels.delete(key);
    });
    void this.options.context.workspaceState.update(LAST_TARGET_KEY, target);
    return resultsPanel;
  }
}
