// package.json's extension manifest against the code: the names in when-clauses, commands and
// settings must be the ones the extension uses, or menus and buttons silently disappear.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CommandId } from '../../../src/extension/commandIds';
import { ContextKey } from '../../../src/extension/contextKeys';
import { RESULTS_VIEW_TYPE } from '../../../src/extension/panel/resultsTarget';
import { DEFAULT_LIVE_UPDATE_INTERVAL_MS, DEFAULT_RUNS_FOLDER, SETTINGS_SECTION } from '../../../src/extension/settings';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface MenuEntry {
  command: string;
  when?: string;
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  icon: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean } };
  contributes: {
    commands: { command: string; category: string; enablement?: string }[];
    menus: Record<string, MenuEntry[]>;
    configuration: { properties: Record<string, { default: unknown }> };
    jsonValidation: { fileMatch: string; url: string }[];
    languages: { id: string; filenamePatterns?: string[] }[];
  };
};
const contributed = manifest.contributes;

function whenClauses(): string[] {
  const menuClauses = Object.values(contributed.menus).flatMap((entries) => entries.map((entry) => entry.when ?? ''));
  return [...menuClauses, ...contributed.commands.map((command) => command.enablement ?? '')];
}

test('contributes.commands lists exactly the CommandId enum, all in category LTH', () => {
  const listed = contributed.commands.map((command) => command.command).sort();
  assert.deepEqual(listed, Object.values(CommandId).sort());
  // Titles and categories are %keys% of package.nls.json (localizable).
  const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  for (const command of contributed.commands) assert.equal(nls[command.category.replace(/^%(.*)%$/, '$1')], 'LTH', command.command);
});

test('menus name only contributed commands', () => {
  const known = new Set<string>(Object.values(CommandId));
  for (const [menu, entries] of Object.entries(contributed.menus)) {
    for (const entry of entries) assert.ok(known.has(entry.command), `${menu}: unknown command ${entry.command}`);
  }
});

test('every lthLab.* context key in a when-clause is in the ContextKey enum, and every key is used', () => {
  const keys = new Set<string>(Object.values(ContextKey));
  const used = new Set<string>();
  for (const clause of whenClauses()) {
    // Settings appear as config.lthLab.*, which are not context keys.
    for (const match of clause.matchAll(/(?<!config\.)\blthLab\.[A-Za-z]+/g)) {
      assert.ok(keys.has(match[0]), `when-clause "${clause}" names ${match[0]}, which is not in ContextKey`);
      used.add(match[0]);
    }
  }
  assert.deepEqual([...used].sort(), [...keys].sort(), 'a ContextKey no when-clause uses is dead');
});

test('run buttons require a trusted workspace; the trust capability is declared limited', () => {
  const runEntries = Object.values(contributed.menus).flat().filter((entry) => entry.command === CommandId.RunExperiment);
  assert.ok(runEntries.length >= 2);
  for (const entry of runEntries) assert.match(entry.when ?? '', /isWorkspaceTrusted/);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('settings defaults in the manifest are the code\'s defaults', () => {
  const properties = contributed.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), ['liveUpdateIntervalMs', 'runsFolder', 'workers'].map((name) => `${SETTINGS_SECTION}.${name}`));
  assert.equal(properties[`${SETTINGS_SECTION}.runsFolder`].default, DEFAULT_RUNS_FOLDER);
  assert.equal(properties[`${SETTINGS_SECTION}.liveUpdateIntervalMs`].default, DEFAULT_LIVE_UPDATE_INTERVAL_MS);
  assert.equal(properties[`${SETTINGS_SECTION}.workers`].default, 0);
});

test('activation is narrow: no "*", no language- or startup-wide events; the panel type matches', () => {
  for (const event of manifest.activationEvents) assert.doesNotMatch(event, /^(\*|onLanguage:|onStartupFinished)/);
  assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${RESULTS_VIEW_TYPE}`));
  assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.lth.json'));
});

test('*.lth.json opens as JSON with comments and is validated by the schema in schemas/', () => {
  assert.ok(contributed.languages.some((language) => language.id === 'jsonc' && language.filenamePatterns?.includes('*.lth.json')));
  const validation = contributed.jsonValidation.find((entry) => entry.fileMatch === '*.lth.json');
  assert.ok(validation, 'no jsonValidation for *.lth.json');
  assert.ok(existsSync(join(ROOT, validation.url)), `${validation.url} does not exist`);
});

test('.vscodeignore is an allow-list that keeps what the manifest points at', () => {
  const lines = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  assert.equal(lines[0], '**', 'the first pattern must exclude everything');
  const allowed = new Set(lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1)));
  for (const path of [manifest.main.replace(/^\.\//, ''), manifest.icon, 'package.json', 'dist/trainer.js', 'dist/cli.js', 'dist/trialWorker.js', 'dist/trialInspector.js', 'dist/webview/panel.js']) {
    assert.ok(allowed.has(path), `${path} is not allowed into the VSIX`);
  }
  assert.ok(allowed.has(contributed.jsonValidation[0].url.replace(/^\.\//, '')), 'the schema is not allowed into the VSIX');
  assert.ok(![...allowed].some((line) => line.endsWith('.map')), 'no source maps in the VSIX');
});
