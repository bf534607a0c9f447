// Nothing a command does may take the extension host down or fail silently: every command runs
// inside this boundary, which logs the error with its stack and tells the user in one sentence,
// with a way to the log.
import * as vscode from 'vscode';
import { errorMessage, errorStack } from '../shared/errorMessage';
import type { CommandId } from './commandIds';
import type { Log } from './log';

const SHOW_LOG = 'Show log';

// Only until src/extension/panel/resultsPanel.ts imports it from src/shared itself.

/** Shows `message` as an error with a "Show log" action (plus `actions`); resolves to the action picked. */
export async function showErrorWithLog(log: Log, message: string, ...actions: string[]): Promise<string | undefined> {
  const picked = await vscode.window.showErrorMessage(message, ...actions, SHOW_LOG);
  if (picked === SHOW_LOG) log.show(true);
  return picked;
}

/** Logs and reports an error that escaped a command or an event handler. */
export function reportUnexpectedError(log: Log, where: string, error: unknown): void {
  log.error(`${where}: ${errorStack(error)}`);
  void showErrorWithLog(log, `LTH Lab: ${where} failed: ${errorMessage(error)}`);
}

/** registerCommand with the boundary around the handler; the handler's result is passed through. */
export function registerSafeCommand(
  log: Log,
  id: CommandId,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      reportUnexpectedError(log, `command ${id}`, error);
      return undefined;
    }
  });
}
