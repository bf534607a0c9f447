import assert from 'node:assert/strict';
import { test } from 'node:test';
import { samplesNeededPoints, samplesToReach } from '../../../../src/core/families/lottery-ticket/samplesNeeded';

test('samplesToReach interpolates the crossing in log N, is the smallest N when met there, none when never met', () => {
  const points = [
    { n: 1000, error: 0.1 },
    { n: 10000, error: 0.04 },
    { n: 100000, error: 0.02 },
  ];
  assert.ok(Math.abs((samplesToReach(points, 0.07) as number) - Math.sqrt(1000 * 10000)) < 1e-6, 'half way in error is the geometric mean in N');
  assert.equal(samplesToReach(points, 0.04), 10000);
  assert.equal(samplesToReach(points, 0.2), 1000);
  assert.equal(samplesToReach(points, 0.01), null);
});

test('samplesNeededPoints: a point per round that reaches the target, at its density, from the mean error over trials', () => {
  const record = (round: number, density: number, trainSize: number, trial: number, testError: number) => ({ cell: `N=${trainSize}`, trial, seed: 1, round, density, trainSize, testError });
  const records = [
    record(0, 1, 1000, 0, 0.09), record(0, 1, 1000, 1, 0.11), record(0, 1, 4000, 0, 0.05), record(0, 1, 4000, 1, 0.05),
    record(1, 0.5, 1000, 0, 0.08), record(1, 0.5, 4000, 0, 0.03),
    record(2, 0.25, 1000, 0, 0.2), record(2, 0.25, 4000, 0, 0.15),
  ];
  const points = samplesNeededPoints(records, 0.05);
  assert.deepEqual(points.map((point) => point.x), [1, 0.5], 'round 2 never reaches 5%');
  assert.equal(points[0].mean, 4000, 'the dense network reaches 5% exactly at N = 4000');
  assert.ok(points[1].mean > 1000 && points[1].mean < 4000);
  assert.equal(points[0].count, 2);
});
