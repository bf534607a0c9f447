// Where the panel runs. In VS Code it talks to the extension through acquireVsCodeApi();
// in the standalone report (`lth report`) there is no host: the runs are embedded in the
// page as JSON and exports become downloads. The app only sees this interface.
import { errorMessage } from '../../src/shared/errorMessage';
import type { PanelToHostMessage } from '../../src/shared/protocol';
import { REPORT_DATA_ELEMENT_ID } from '../../src/shared/reportData';

export interface PanelHost {
  /** Whether there is an extension to ask for things (opening a run folder). */
  readonly interactive: boolean;
  post(message: PanelToHostMessage): void;
  /** Saves an exported file; `content` is base64 for png, text for csv. */
  saveFile(suggestedName: string, kind: 'png' | 'csv', content: string): void;
  loadState(): unknown;
  saveState(state: unknown): void;
  /** Starts delivering (unchecked) host messages to `receive`. */
  start(receive: (message: unknown) => void): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Defined by VS Code in a webview (and by the test harness); absent in a plain page.
  var acquireVsCodeApi: (() => VsCodeApi) | undefined;
}

/**
 * The webview state is `{ host, panel }`: `host` is what the extension put in the page's
 * data-host-state (its panel serializer reads it back after a reload), `panel` the user's
 * choices.
 */
function vsCodeHost(api: VsCodeApi, hostStateText: string | undefined): PanelHost {
  const stored = (api.getState() ?? {}) as { host?: unknown; panel?: unknown };
  let hostState = stored.host ?? null;
  try {
    if (hostStateText !== undefined) hostState = JSON.parse(hostStateText);
  } catch {
    // Keep the stored one: the page's attribute is the extension's, not the user's, to fix.
  }
  let panelState = stored.panel;
  const persist = () => api.setState({ host: hostState, panel: panelState });
  persist();
  return {
    interactive: true,
    post: (message) => api.postMessage(message),
    saveFile: (suggestedName, kind, content) => api.postMessage({ type: 'save-file', suggestedName, kind, content }),
    loadState: () => panelState,
    saveState: (state) => {
      panelState = state;
      persist();
    },
    start(receive) {
      window.addEventListener('message', (event: MessageEvent) => receive(event.data));
      api.postMessage({ type: 'ready' });
    },
  };
}

function download(suggestedName: string, kind: 'png' | 'csv', content: string): void {
  const bytes = kind === 'png' ? Uint8Array.from(atob(content), (character) => character.charCodeAt(0)) : new TextEncoder().encode(content);
  const url = URL.createObjectURL(new Blob([bytes], { type: kind === 'png' ? 'image/png' : 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function reportHost(dataElement: HTMLElement | null): PanelHost {
  let state: unknown;
  return {
    interactive: false,
    post: (message) => {
      if (message.type === 'log') console[message.level === 'info' ? 'info' : message.level](message.message);
    },
    saveFile: download,
    loadState: () => state,
    saveState: (next) => {
      state = next;
    },
    start(receive) {
      if (!dataElement) {
        receive({ type: 'error', message: `No data: this page has neither a VS Code host nor a <script id="${REPORT_DATA_ELEMENT_ID}"> with runs.` });
        return;
      }
      try {
        receive(JSON.parse(dataElement.textContent ?? ''));
      } catch (error) {
        receive({ type: 'error', message: `The report's embedded data is not valid JSON: ${errorMessage(error)}` });
      }
    },
  };
}

/** The host of this page; `mount` is the element the app renders into (it may carry data-host-state). */
export function detectHost(mount: HTMLElement): PanelHost {
  if (typeof globalThis.acquireVsCodeApi === 'function') return vsCodeHost(globalThis.acquireVsCodeApi(), mount.dataset.hostState);
  return reportHost(document.getElementById(REPORT_DATA_ELEMENT_ID));
}
