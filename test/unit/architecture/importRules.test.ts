import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { checkImportRules, formatViolation } from './importRules';

const repositoryRoot = resolve(__dirname, '../../..');

test('the source tree keeps its import boundaries', () => {
  const { violations } = checkImportRules(repositoryRoot);
  // One line per violation, so the failure says which import to move and which rule it breaks.
  assert.deepEqual(violations.map(formatViolation), [], `import rule violations:\n${violations.map(formatViolation).join('\n')}`);
});

test('the checker reads the real tree (a clean result is not an empty scan)', () => {
  const { filesChecked, webviewReaches } = checkImportRules(repositoryRoot);
  for (const zone of ['src/core/', 'src/shared/', 'src/extension/', 'webview-ui/src/']) {
    assert.ok(filesChecked.some((file) => file.startsWith(zone)), `no files found under ${zone}`);
  }
  // The panel draws charts planned in core: if the closure missed that, it would miss built-ins too.
  assert.ok(webviewReaches.some((file) => file.startsWith('src/core/analysis/')), `webview reaches only: ${webviewReaches.join(', ')}`);
});

test('the checker reports exactly the planted violations of the fixture tree', () => {
  const { violations, webviewReaches } = checkImportRules(resolve(__dirname, 'fixtures/forbidden'));
  assert.deepEqual(violations.map(formatViolation), [
    'src/core/readsFiles.ts: imports node:fs (rule: webview-ui/src reaches this file, so it runs in the browser: no Node built-ins)',
    'src/core/usesCli.ts: imports src/cli/command.ts (rule: src/core imports nothing from src/cli, src/trainer, src/extension or webview-ui)',
    'src/core/usesVscode.ts: imports vscode (rule: only src/extension may import vscode)',
    'src/shared/usesCore.ts: imports src/core/contract.ts (rule: src/shared is the leaf contract: it imports only src/shared)',
  ]);
  // Transitive: readsFiles.ts is two imports away from the webview file.
  assert.deepEqual(webviewReaches, ['src/core/browserFacing.ts', 'src/core/readsFiles.ts']);
});
