import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RandomStream } from '../../../src/core/random/randomStream';
import { SplitMix32 } from '../../../src/core/random/splitMix32';
import { trialStream } from '../../../src/core/random/trialStreams';
import { chooseDistinct, range } from '../../../src/core/random/chooseDistinct';

/** xoshiro128** written from the published algorithm with BigInt and explicit 32-bit masks. */
function referenceXoshiro128StarStar(state: bigint[], count: number): number[] {
  const mask = 0xffffffffn;
  const rotl = (value: bigint, bits: bigint) => ((value << bits) | (value >> (32n - bits))) & mask;
  const s = [...state];
  const outputs: number[] = [];
  for (let index = 0; index < count; index++) {
    outputs.push(Number((rotl((s[1] * 5n) & mask, 7n) * 9n) & mask));
    const t = (s[1] << 9n) & mask;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
  }
  return outputs;
}

/** Pearson chi-square statistic of observed counts against equal expected counts. */
function chiSquareUniform(counts: number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

/** P(a <= X < b) for X ~ N(0, 1), by composite Simpson integration of the density (|x| > 12 is negligible). */
function normalProbability(a: number, b: number): number {
  const from = Math.max(a, -12);
  const to = Math.min(b, 12);
  const intervals = 2000;
  const width = (to - from) / intervals;
  const density = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  let sum = density(from) + density(to);
  for (let index = 1; index < intervals; index++) sum += (index % 2 === 1 ? 4 : 2) * density(from + index * width);
  return (sum * width) / 3;
}

/** Chi-square statistic of samples binned by `edges` against N(0, 1) restricted to [edges[0], last edge). */
function chiSquareNormal(values: Iterable<number>, edges: number[]): { chiSquare: number; counts: number[] } {
  const counts = new Array(edges.length - 1).fill(0);
  let total = 0;
  for (const value of values) {
    if (value < edges[0] || value >= edges[edges.length - 1]) continue;
    let bin = 0;
    while (value >= edges[bin + 1]) bin++;
    counts[bin]++;
    total++;
  }
  const mass = normalProbability(edges[0], edges[edges.length - 1]);
  let chiSquare = 0;
  for (let bin = 0; bin < counts.length; bin++) {
    const expected = (total * normalProbability(edges[bin], edges[bin + 1])) / mass;
    chiSquare += (counts[bin] - expected) ** 2 / expected;
  }
  return { chiSquare, counts };
}

test('RandomStream.nextUint32 follows xoshiro128** from the SplitMix32-expanded seed', () => {
  for (const seed of [0, 1, 123456789, 2 ** 32 - 1]) {
    const expander = new SplitMix32(seed);
    const state = [0, 1, 2, 3].map(() => BigInt(expander.next()));
    const expected = referenceXoshiro128StarStar(state, 1000);
    const random = new RandomStream(seed);
    const actual = expected.map(() => random.nextUint32());
    assert.deepEqual(actual, expected);
  }
});

test('the same seed gives the same stream; different seeds and purposes give different ones', () => {
  const draw = (random: RandomStream) => Array.from({ length: 8 }, () => random.nextUint32());
  assert.deepEqual(draw(new RandomStream(42)), draw(new RandomStream(42)));
  assert.notDeepEqual(draw(new RandomStream(42)), draw(new RandomStream(43)));
  assert.deepEqual(draw(trialStream(7, 'teacher')), draw(trialStream(7, 'teacher')));
  assert.notDeepEqual(draw(trialStream(7, 'teacher')), draw(trialStream(7, 'mask')));
  assert.notDeepEqual(draw(trialStream(7, 'train-inputs', 0)), draw(trialStream(7, 'train-inputs', 1)));
  assert.notDeepEqual(draw(trialStream(7, 'teacher')), draw(trialStream(8, 'teacher')));
  // Seeds beyond 32 bits use their high half too.
  assert.notDeepEqual(draw(trialStream(5, 'teacher')), draw(trialStream(5 + 2 ** 32, 'teacher')));
});

test('nextFloat is uniform on [0, 1): chi-square over 20 bins', () => {
  const random = new RandomStream(11);
  const counts = new Array(20).fill(0);
  for (let index = 0; index < 200_000; index++) {
    const value = random.nextFloat();
    assert.ok(value >= 0 && value < 1);
    counts[Math.floor(value * 20)]++;
  }
  // 19 degrees of freedom: the 99.9% quantile is 43.8.
  assert.ok(chiSquareUniform(counts) < 43.8, `chi-square ${chiSquareUniform(counts)}`);
});

test('nextInt is unbiased for a bound that does not divide 2^32', () => {
  const random = new RandomStream(12);
  const counts = new Array(7).fill(0);
  for (let index = 0; index < 140_000; index++) counts[random.nextInt(7)]++;
  // 6 degrees of freedom: the 99.9% quantile is 22.5.
  assert.ok(chiSquareUniform(counts) < 22.5, `chi-square ${chiSquareUniform(counts)}`);
  assert.throws(() => random.nextInt(0), /bound is 0/);
  assert.throws(() => random.nextInt(2.5), /bound is 2.5/);
});

test('nextGaussian has the moments and the distribution of N(0, 1)', () => {
  const random = new RandomStream(13);
  const count = 400_000;
  const values = new Float64Array(count);
  random.fillGaussian(values, 0, count);
  let sum = 0;
  let squares = 0;
  let fourth = 0;
  for (const value of values) {
    sum += value;
    squares += value * value;
    fourth += value ** 4;
  }
  const mean = sum / count;
  const variance = squares / count - mean * mean;
  // Standard errors: mean 1/sqrt(n) = 0.0016, variance sqrt(2/n) = 0.0022, fourth moment sqrt(96/n) = 0.015.
  assert.ok(Math.abs(mean) < 0.008, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.011, `variance ${variance}`);
  assert.ok(Math.abs(fourth / count - 3) < 0.08, `fourth moment ${fourth / count}`);

  // Binned against the normal distribution over the whole line: 15 degrees of freedom, 99.9% quantile 37.7.
  const { chiSquare, counts } = chiSquareNormal(values, [-Infinity, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, Infinity]);
  assert.ok(chiSquare < 37.7, `chi-square ${chiSquare}, counts ${counts.join(' ')}`);
});

test('nextGaussian tails beyond 3 (ziggurat tail and outer layers) follow N(0, 1)', () => {
  const random = new RandomStream(14);
  const tail: number[] = [];
  // P(|x| > 3) = 0.0027: about 10 800 tail samples.
  for (let index = 0; index < 4_000_000; index++) {
    const value = random.nextGaussian();
    if (Math.abs(value) > 3) tail.push(Math.abs(value));
  }
  // 7 degrees of freedom: the 99.9% quantile is 24.3.
  const { chiSquare, counts } = chiSquareNormal(tail, [3, 3.2, 3.44, 3.6, 3.8, 4, 4.3, 4.7, Infinity]);
  assert.ok(chiSquare < 24.3, `chi-square ${chiSquare}, counts ${counts.join(' ')}`);
});

test('fillGaussian scales and writes only its range', () => {
  const target = new Float64Array(10).fill(7);
  new RandomStream(3).fillGaussian(target, 2, 5, 0.5);
  const reference = new RandomStream(3);
  for (let index = 0; index < 10; index++) {
    assert.equal(target[index], index >= 2 && index < 7 ? 0.5 * reference.nextGaussian() : 7);
  }
});

test('chooseDistinct returns sorted distinct candidates, each equally likely', () => {
  const random = new RandomStream(5);
  const candidates = Int32Array.from([3, 8, 10, 11, 20]);
  const counts = new Map<number, number>();
  for (let trial = 0; trial < 20_000; trial++) {
    const chosen = chooseDistinct(random, candidates, 2);
    assert.equal(chosen.length, 2);
    assert.ok(chosen[0] < chosen[1]);
    for (const value of chosen) {
      assert.ok(candidates.includes(value));
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  // Each of 5 candidates is in a pair with probability 2/5: 8000 of 20000.
  for (const candidate of candidates) assert.ok(Math.abs(counts.get(candidate)! - 8000) < 400, `${candidate}: ${counts.get(candidate)}`);
  assert.deepEqual(Array.from(chooseDistinct(random, range(6), 6)), [0, 1, 2, 3, 4, 5]);
  assert.throws(() => chooseDistinct(random, range(3), 4), /cannot choose 4 of 3/);
});

test('RandomStream rejects seeds it cannot represent', () => {
  assert.throws(() => new RandomStream(-1), /seed is -1/);
  assert.throws(() => new RandomStream(2 ** 32), /seed is 4294967296/);
  assert.throws(() => trialStream(1.5, 'teacher'), /seed is 1.5/);
});
