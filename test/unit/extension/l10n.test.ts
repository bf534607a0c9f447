// Messages the user reads go through vscode.l10n.t (package.json's through package.nls.json), so
// that a translation bundle can reach them: no notification or picker is given a bare literal.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const EXTENSION_DIR = join(import.meta.dirname, '..', '..', '..', 'src', 'extension');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The test door shows its own messages to the tester only.
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

test('notifications, pickers, dialogs, progress and lens titles get their words from vscode.l10n.t', () => {
  const bare = /\b(show(?:Information|Warning|Error)Message)\(\s*['"`]|\b(placeHolder|saveLabel|title):\s*['"`]/g;
  const offenders = sources(EXTENSION_DIR).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(bare)].map((match) => `${file}: ${match[0]}`));
  assert.deepEqual(offenders, []);
});
