// Keeps the run-related context keys in step with the live runs (they drive the editor-title
// run/stop buttons and menus).
import * as vscode from 'vscode';
import { ContextKey } from './contextKeys';
import type { RunRegistry } from './runner/runRegistry';

function setContextKey(key: ContextKey, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

export function trackRunContextKeys(registry: RunRegistry): { dispose(): void } {
  const update = () => {
    const keys = registry.all().map((run) => run.experimentKey);
    setContextKey(ContextKey.AnyRunning, keys.length > 0);
    setContextKey(ContextKey.RunningExperiments, keys);
  };
  update();
  return registry.onDidChange((change) => {
    if (change.kind !== 'event') update();
  });
}
