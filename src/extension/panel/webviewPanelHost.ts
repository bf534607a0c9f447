// Base of the extension's webview panels (vscode-dvc style): sets the strict HTML up, checks
// every incoming message against the protocol, and knows when the page is ready. The page
// says `ready` on every load (a hidden panel without retained context reloads when shown
// again), and each `ready` gets a fresh onReady(); `ready` resolves on the first.
import * as vscode from 'vscode';
import type { HostToPanelMessage, PanelToHostMessage } from '../../shared/protocol';
import { checkPanelToHostMessage } from '../../shared/protocolGuards';
import { reportUnexpectedError } from '../errorBoundary';
import type { Log } from '../log';
import { createNonce, panelHtml } from './webviewHtml';

/** Where the panel bundle lives inside the extension; also the only local resource root. */
export const WEBVIEW_DIST = ['dist', 'webview'] as const;

export interface PostedMessage {
  message: HostToPanelMessage;
  /** What webview.postMessage answered: false when the page was not there to receive it. */
  delivered: boolean;
}

export type PanelRequest = Exclude<PanelToHostMessage, { type: 'ready' }>;

/** A page load: resolved once the page said ready and was sent everything (onReady). */
interface PageLoad {
  promise: Promise<void>;
  resolve: () => void;
}

function pageLoad(): PageLoad {
  let resolve!: () => void;
  const promise = new Promise<void>((resolvePromise) => (resolve = resolvePromise));
  return { promise, resolve };
}

export abstract class WebviewPanelHost implements vscode.Disposable {
  /** Every message posted, for the in-host tests; kept only when `recordMessages` is set. */
  readonly postedMessages: PostedMessage[] = [];
  protected readonly disposables: vscode.Disposable[] = [];
  private load = pageLoad();
  private disposed = false;
  private readonly disposeListeners = new Set<() => void>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    protected readonly log: Log,
    hostState: unknown,
    private readonly recordMessages = false,
  ) {
    const webviewRoot = vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIST);
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewRoot] };
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'panel.css')).toString(),
      title: panel.title,
      hostState,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      // Hidden, the page is dropped (no retainContextWhenHidden) and loads again when shown:
      // what waits for `ready` from now on waits for that load.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.load = pageLoad();
      }),
    );
  }

  /** Resolves when the page, as loaded now or next, has said ready and been sent everything. */
  get ready(): Promise<void> {
    return this.load.promise;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  onDidDispose(listener: () => void): void {
    this.disposeListeners.add(listener);
  }

  /** Posts a message; a disposed panel or an unloaded page just does not get it. */
  protected async post(message: HostToPanelMessage): Promise<boolean> {
    if (this.disposed) return false;
    const delivered = await this.panel.webview.postMessage(message);
    if (this.recordMessages) this.postedMessages.push({ message, delivered });
    return delivered;
  }

  /** The page (re)loaded: send it everything it needs. */
  protected abstract onReady(): Promise<void>;

  protected abstract onRequest(request: PanelRequest): Promise<void>;

  /** What a checked request from the page does (also how the in-host tests play the page). */
  handleRequest(request: PanelRequest): Promise<void> {
    return this.onRequest(request);
  }

  private receive(raw: unknown): void {
    const checked = checkPanelToHostMessage(raw);
    if (!checked.ok) {
      this.log.warn(`panel "${this.panel.title}" sent a malformed message, dropped: ${checked.problem}`);
      return;
    }
    const message = checked.value;
    const load = this.load;
    const handling = message.type === 'ready' ? this.onReady().then(() => load.resolve()) : this.handleRequest(message);
    handling.catch((error) => reportUnexpectedError(this.log, `panel "${this.panel.title}" handling "${message.type}"`, error));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const listener of this.disposeListeners) listener();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}
