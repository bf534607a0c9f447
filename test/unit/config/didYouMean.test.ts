import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestMatch, editDistance } from '../../../src/core/config/didYouMean';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('samples', 'smaples'), 1);
    assert.equal(editDistance('abc', 'ab'), 1);
  });
});

describe('closestMatch', () => {
  it('prefers a match ignoring case, then the nearest close spelling', () => {
    assert.equal(closestMatch('stepsize', ['stepSize', 'momentum']), 'stepSize');
    assert.equal(closestMatch('momentun', ['maxIterations', 'momentum']), 'momentum');
  });

  it('suggests nothing when every candidate is far', () => {
    assert.equal(closestMatch('xyz', ['samples', 'trials']), undefined);
  });
});
