// The cancellable progress notification of one run: percentage, trials and time left.
import * as vscode from 'vscode';
import { percentDone, progressMessage } from './eta';
import type { LiveRun } from './liveRun';

export function showRunProgress(run: LiveRun): void {
  const options = { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('LTH {0}', run.experimentName), cancellable: true };
  void vscode.window.withProgress(options, async (progress, cancellation) => {
    let reportedPercent = 0;
    const report = (message: string) => {
      const { completedTrials, totalTrials } = run.progress;
      // Before run-started the total is unknown (0), which is not "done".
      const percent = totalTrials > 0 ? percentDone(completedTrials, totalTrials) : 0;
      // `increment` is relative; VS Code sums them.
      progress.report({ increment: Math.max(0, percent - reportedPercent), message });
      reportedPercent = Math.max(reportedPercent, percent);
    };
    report('starting…');
    const cancelSubscription = cancellation.onCancellationRequested(() => {
      run.cancel();
      report('cancelling…');
    });
    const stopListening = run.onEvent((event) => {
      if (event.type === 'run-started' || event.type === 'trial-completed') {
        if (!run.progress.cancelRequested) report(progressMessage({ ...run.progress, nowMs: Date.now() }));
      }
    });
    try {
      await run.finished;
    } finally {
      stopListening();
      cancelSubscription.dispose();
    }
  });
}
