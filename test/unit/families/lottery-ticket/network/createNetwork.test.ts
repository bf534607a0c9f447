import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMlpNetwork } from '../../../../../src/core/families/lottery-ticket/network/createNetwork';
import { ensureWasmBuilt } from '../../../numerics/support';

before(ensureWasmBuilt);

test('createMlpNetwork gives the WASM network by default and the TypeScript one when asked', () => {
  const wasm = createMlpNetwork([784, 300, 100, 10], 128);
  assert.equal(wasm.implementation, 'wasm');
  assert.equal(wasm.fallbackReason, undefined);
  assert.ok('layerPaths' in wasm, 'not the WASM network');
  const typescript = createMlpNetwork([784, 300, 100, 10], 128, 'typescript');
  assert.equal(typescript.implementation, 'typescript');
  assert.equal(typescript.fallbackReason, undefined);
  assert.ok(!('layerPaths' in typescript), 'not the TypeScript network');
  // A fresh network: zero weights, every weight kept.
  assert.deepEqual([...new Set(wasm.mask(0))], [1]);
  assert.ok(wasm.weights(0).every((value) => value === 0));
});

test('createMlpNetwork throws on sizes that make no network instead of falling back', () => {
  assert.throws(() => createMlpNetwork([784, 300, 1], 128), /1 output classes/);
});
