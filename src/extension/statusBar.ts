// A status bar item while experiments run: progress at a glance, click for the results,
// and a tooltip with the way to cancel.
import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { BatchThrottle } from './panel/batchThrottle';
import { progressMessage } from './runner/eta';
import type { LiveRun } from './runner/liveRun';
import type { RunRegistry } from './runner/runRegistry';

const REFRESH_INTERVAL_MS = 500;

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lthLab.run', vscode.StatusBarAlignment.Left, 10);
  private readonly refresh = new BatchThrottle<void>(REFRESH_INTERVAL_MS, () => this.update());
  private readonly subscription: { dispose(): void };

  constructor(private readonly registry: RunRegistry) {
    this.item.name = 'LTH Lab run';
    this.subscription = registry.onDidChange((change) => {
      // Starts and ends show at once; trial counts at most twice a second.
      if (change.kind === 'event' && change.event.type === 'trial-completed') this.refresh.push();
      else this.update();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.refresh.dispose();
    this.item.dispose();
  }

  private update(): void {
    const runs = this.registry.all();
    if (runs.length === 0) {
      this.item.hide();
      return;
    }
    const completed = runs.reduce((sum, run) => sum + run.progress.completedTrials, 0);
    const total = runs.reduce((sum, run) => sum + run.progress.totalTrials, 0);
    const what = runs.length === 1 ? runs[0].experimentName : `${runs.length} runs`;
    this.item.text = `$(sync~spin) LTH ${what} ${completed}/${total}`;
    this.item.tooltip = tooltip(runs);
    const first = vscode.Uri.parse(runs[0].experimentKey);
    this.item.command = { title: vscode.l10n.t('Show results'), command: CommandId.ShowResults, arguments: [first] };
    this.item.show();
  }
}

function tooltip(runs: LiveRun[]): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', true);
  markdown.isTrusted = { enabledCommands: [CommandId.ShowResults, CommandId.CancelExperiment] };
  for (const run of runs) {
    const argument = encodeURIComponent(JSON.stringify([vscode.Uri.parse(run.experimentKey)]));
    const progress = progressMessage({ ...run.progress, nowMs: Date.now() });
    markdown.appendMarkdown(`**${escapeMarkdown(run.experimentName)}**: ${progress}  \n`);
    markdown.appendMarkdown(`[$(graph) Show results](command:${CommandId.ShowResults}?${argument}) · `);
    markdown.appendMarkdown(`[$(debug-stop) Cancel](command:${CommandId.CancelExperiment}?${argument})\n\n`);
  }
  return markdown;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (character) => `\\${character}`);
}
