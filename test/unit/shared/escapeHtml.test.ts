import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../../../src/shared/escapeHtml';

test('escapeHtml escapes the five markup characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
});

test('escapeHtml leaves other text alone and escapes an existing reference again', () => {
  assert.equal(escapeHtml('LTH Lab — N ≥ 10'), 'LTH Lab — N ≥ 10');
  assert.equal(escapeHtml('&#60;'), '&#38;#60;');
});
