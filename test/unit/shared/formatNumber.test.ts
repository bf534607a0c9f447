// The one number format of tables and charts (issue 7): the CLI and the panel print a value alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber } from '../../../src/shared/formatNumber';

test('formatNumber: integers as they are, three significant digits without trailing zeros or float noise, exponents outside [1e-3, 1e5)', () => {
  assert.equal(formatNumber(450), '450');
  assert.equal(formatNumber(123456), '123456');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(12.3456), '12.3');
  assert.equal(formatNumber(0.95), '0.95');
  assert.equal(formatNumber(0.0488735), '0.0489');
  assert.equal(formatNumber(-0.0123456), '-0.0123');
  assert.equal(formatNumber(1.234e-7), '1.23e-7');
  assert.equal(formatNumber(123456.7), '1.23e+5');
});

test('formatNumber: missing and infinite values', () => {
  assert.equal(formatNumber(null), '-');
  assert.equal(formatNumber(undefined), '-');
  assert.equal(formatNumber(NaN), '-');
  assert.equal(formatNumber(Infinity), 'inf');
  assert.equal(formatNumber(-Infinity), '-inf');
});
