// A bundled preset as it should land in the user's workspace. The examples point "$schema" at
// ../schemas/ for editing them inside this repository; in a workspace that path resolves to
// nothing (the JSON language server would then warn and skip the schema), while
// contributes.jsonValidation already associates every *.lth.json with the schema. So a
// relative "$schema" is removed, comments and layout kept. No vscode import.
import { applyEdits, modify, parse } from 'jsonc-parser';

export function presetForWorkspace(text: string): string {
  const document: unknown = parse(text);
  const schema = (document as { $schema?: unknown } | undefined)?.$schema;
  if (typeof schema !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(schema)) return text;
  return applyEdits(text, modify(text, ['$schema'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
}

/** The preset's "description" field, for the quick pick; undefined when it has none. */
export function presetDescription(text: string): string | undefined {
  const description = (parse(text) as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : undefined;
}
