// The extension's one log: a LogOutputChannel ("LTH Lab" in the Output view), so levels,
// timestamps and the user's log-level setting come for free.
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('LTH Lab', { log: true });
}
