import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorMessage, errorStack } from '../../../src/shared/errorMessage';

test('errorMessage: the message of an Error, without its name', () => {
  assert.equal(errorMessage(new TypeError('bad value')), 'bad value');
});

test('errorMessage: anything else thrown, as text (no second throw for null or undefined)', () => {
  assert.equal(errorMessage('plain string'), 'plain string');
  assert.equal(errorMessage(42), '42');
  assert.equal(errorMessage(null), 'null');
  assert.equal(errorMessage(undefined), 'undefined');
});

test('errorStack: the stack of an Error, the message when it has none, the text of anything else', () => {
  const error = new Error('with stack');
  assert.equal(errorStack(error), error.stack);
  const bare = new Error('no stack');
  bare.stack = undefined;
  assert.equal(errorStack(bare), 'no stack');
  assert.equal(errorStack('thrown text'), 'thrown text');
});
