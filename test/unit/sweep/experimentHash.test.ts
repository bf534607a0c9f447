import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from '../../../src/core/sweep/canonicalJson';
import { experimentHash } from '../../../src/core/sweep/experimentHash';
import { sweepExperiment } from './experimentFixture';

describe('experimentHash', () => {
  it('is a sha256 hex string, equal for equal experiments', () => {
    const hash = experimentHash(sweepExperiment());
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(experimentHash(sweepExperiment()), hash);
  });

  it('ignores what does not change a trial: name, description, order of list values', () => {
    const hash = experimentHash(sweepExperiment());
    assert.equal(experimentHash({ ...sweepExperiment(), name: 'other', description: 'text' }), hash);
    assert.equal(experimentHash(sweepExperiment({ samples: [320, 160, 80, 40] })), hash);
  });

  it('changes with anything that changes the trials', () => {
    const hash = experimentHash(sweepExperiment());
    assert.notEqual(experimentHash(sweepExperiment({ seed: 8 })), hash);
    assert.notEqual(experimentHash(sweepExperiment({ samples: [40, 80, 160] })), hash);
    assert.notEqual(experimentHash(sweepExperiment({ trials: 6 })), hash);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, 1], c: null } }), '{"a":{"c":null,"d":[3,1]},"b":1}');
  });
});
