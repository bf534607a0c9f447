// The open results panels, one per experiment file (see PanelRegistry): shown beside the
// editor the first time, revealed where they are after that, and restored after a window reload.
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { RunRegistry } from '../runner/runRegistry';
import { PanelRegistry } from './panelRegistry';
import { isResultsTarget, RESULTS_VIEW_TYPE, type ResultsTarget } from './resultsTarget';
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
  private readonly panels = new PanelRegistry<ResultsPanel>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly options: ResultsPanelsOptions) {
    this.registration = vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, this);
  }

  /** Opens (or reveals) the panel of `target` beside the active editor; resolves once created. */
  show(target: ResultsTarget, preserveFocus = false): ResultsPanel {
    return this.panels.show(target, preserveFocus, () => {
      const panel = vscode.window.createWebviewPanel(
        RESULTS_VIEW_TYPE,
        resultsPanelTitle(target),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
        // No retainContextWhenHidden: the page rebuilds from a snapshot on every load, which is
        // cheap, and a hidden panel then costs no memory.
        { enableFindWidget: true },
      );
      return this.create(panel, target);
    });
  }

  get(target: ResultsTarget): ResultsPanel | undefined {
    return this.panels.get(target);
  }

  /** The panel the user looked at last (for commands that act on "the" panel). */
  active(): ResultsPanel | undefined {
    const all = this.panels.all();
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
    this.panels.add(this.create(panel, target));
  }

  dispose(): void {
    this.registration.dispose();
    for (const panel of this.panels.all()) panel.dispose();
  }

  private create(panel: vscode.WebviewPanel, target: ResultsTarget): ResultsPanel {
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
    void this.options.context.workspaceState.update(LAST_TARGET_KEY, target);
    return resultsPanel;
  }
}
