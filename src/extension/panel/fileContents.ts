// The bytes of a file the panel asked to save. No vscode import.
import type { PanelToHostMessage } from '../../shared/protocol';

export type SaveFileRequest = Extract<PanelToHostMessage, { type: 'save-file' }>;

/** The bytes to write: PNGs come base64-encoded (a data: URL prefix is tolerated), CSV as text. */
export function fileContents(request: SaveFileRequest): Uint8Array {
  if (request.kind === 'csv') return Buffer.from(request.content, 'utf8');
  const base64 = request.content.replace(/^data:image\/png;base64,/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new Error(`save-file: the PNG "${request.suggestedName}" is not base64 data`);
  return Buffer.from(base64, 'base64');
}
