// The panel's HTML: one script and one stylesheet from dist/webview, a fresh nonce per load and
// a Content-Security-Policy that allows nothing else (no inline code, no remote content).
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../shared/escapeHtml';

export interface PanelHtmlParts {
  /** webview.cspSource: the origin asWebviewUri resources are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /**
   * JSON the page keeps in its webview state under `host` (vscode.setState), so that the
   * panel serializer can tell after a reload what the panel showed.
   */
  hostState: unknown;
}

/** 128 random bits, base64: unguessable, so injected markup cannot carry a valid nonce. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // Chart exports are canvas data/blob URLs.
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function panelHtml(parts: PanelHtmlParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(parts.title)}</title>
<link rel="stylesheet" href="${escapeHtml(parts.styleUri)}" nonce="${escapeHtml(parts.nonce)}">
</head>
<body>
<div id="app" role="main" aria-busy="true" data-host-state="${escapeHtml(JSON.stringify(parts.hostState ?? null))}">Loading results…</div>
<script nonce="${escapeHtml(parts.nonce)}" src="${escapeHtml(parts.scriptUri)}"></script>
</body>
</html>
`;
}
