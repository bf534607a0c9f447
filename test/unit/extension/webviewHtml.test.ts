import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, createNonce, panelHtml } from '../../../src/extension/panel/webviewHtml';

const parts = {
  cspSource: 'https://webview.test',
  nonce: 'abc123',
  scriptUri: 'https://webview.test/dist/webview/panel.js',
  styleUri: 'https://webview.test/dist/webview/panel.css',
  title: 'LTH: <phase>',
  hostState: { experimentName: 'a"b', runsRoot: '/r' },
};

test('the CSP allows scripts only by nonce and nothing by default', () => {
  const policy = contentSecurityPolicy(parts.cspSource, parts.nonce);
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
});

test('the page loads the bundle with the nonce and escapes what it embeds', () => {
  const html = panelHtml(parts);
  assert.match(html, /<script nonce="abc123" src="https:\/\/webview\.test\/dist\/webview\/panel\.js"><\/script>/);
  assert.match(html, /<title>LTH: &#60;phase&#62;<\/title>/);
  const state = /data-host-state="([^"]*)"/.exec(html)?.[1];
  assert.ok(state, 'no data-host-state attribute');
  const decoded = state.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  assert.deepEqual(JSON.parse(decoded), parts.hostState);
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'exactly one script, the bundle');
});

test('nonces differ per load and are long enough to be unguessable', () => {
  const first = createNonce();
  assert.notEqual(first, createNonce());
  assert.ok(Buffer.from(first, 'base64').length >= 16);
});
