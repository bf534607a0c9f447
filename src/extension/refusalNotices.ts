// "Cannot run X: ..." notifications that go away by themselves once X is fixed: an error message
// cannot be closed by the extension, so a refusal is shown as a notification whose (progress)
// promise ends when the file next checks clean, or when the user closes it.
import * as vscode from 'vscode';

export class RefusalNotices implements vscode.Disposable {
  /** Per experiment file (uri string), the function that closes its notice. */
  private readonly open = new Map<string, () => void>();

  /** Shows `message` for `file`, replacing the file's earlier notice. */
  show(file: vscode.Uri, message: string): void {
    this.dismiss(file);
    const key = file.toString();
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: message, cancellable: true }, (_progress, token) => {
      return new Promise<void>((resolve) => {
        const close = () => {
          if (this.open.get(key) === close) this.open.delete(key);
          resolve();
        };
        this.open.set(key, close);
        token.onCancellationRequested(close);
      });
    });
  }

  dismiss(file: vscode.Uri): void {
    this.open.get(file.toString())?.();
  }

  /** Files whose refusal is still shown (for the in-host tests). */
  shown(): string[] {
    return [...this.open.keys()];
  }

  dispose(): void {
    for (const close of [...this.open.values()]) close();
  }
}
