// One escape for text put into HTML, by the panel page (src/extension/panel/webviewHtml.ts)
// and the standalone report (src/cli/commands/report.ts).

/** Escapes & < > " ' as numeric character references: safe in element text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
