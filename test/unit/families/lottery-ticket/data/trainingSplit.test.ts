import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trainingSplit } from '../../../../../src/core/families/lottery-ticket/data/trainingSplit';

const MNIST_TRAIN = 60000;

test('validation and training subset are disjoint, distinct and in range', () => {
  const { validation, train } = trainingSplit(MNIST_TRAIN, { seed: 3, trainSize: 55000, validationSize: 5000 });
  assert.deepEqual([validation.length, train.length], [5000, 55000]);
  const seen = new Set<number>();
  for (const index of [...validation, ...train]) {
    assert.ok(index < MNIST_TRAIN);
    assert.ok(!seen.has(index), `index ${index} twice`);
    seen.add(index);
  }
  assert.equal(seen.size, MNIST_TRAIN, 'all 60000 used: a permutation');
});

test('training subsets are nested: a smaller N is a prefix of a larger one, with the same validation set', () => {
  const sizes = [100, 1000, 5000, 20000, 55000];
  const splits = sizes.map((trainSize) => trainingSplit(MNIST_TRAIN, { seed: 11, trainSize, validationSize: 5000 }));
  for (let index = 1; index < splits.length; index++) {
    assert.deepEqual(splits[index].train.subarray(0, sizes[index - 1]), splits[index - 1].train, `N=${sizes[index - 1]} in N=${sizes[index]}`);
    assert.deepEqual(splits[index].validation, splits[0].validation);
  }
});

test('the split depends on the seed only: the same seed repeats it, other seeds differ', () => {
  const options = { trainSize: 1000, validationSize: 500 };
  const first = trainingSplit(MNIST_TRAIN, { seed: 7, ...options });
  assert.deepEqual(trainingSplit(MNIST_TRAIN, { seed: 7, ...options }), first);
  for (const seed of [0, 8, 2 ** 40]) {
    const other = trainingSplit(MNIST_TRAIN, { seed, ...options });
    const shared = other.train.filter((index) => first.train.includes(index)).length;
    // Two random 1000-subsets of 60000 share ~17 images; a correlated stream would share many more.
    assert.ok(shared < 60, `seed ${seed} shares ${shared} of 1000 training images with seed 7`);
  }
});

test('asking for more images than there are says the numbers', () => {
  assert.throws(() => trainingSplit(MNIST_TRAIN, { seed: 1, trainSize: 56000, validationSize: 5000 }), {
    message: 'trainingSplit: trainSize 56000 + validationSize 5000 = 61000 exceeds the 60000 training images',
  });
  assert.throws(() => trainingSplit(100, { seed: 1, trainSize: 1.5, validationSize: 0 }), { message: 'trainingSplit: trainSize is 1.5, expected a non-negative integer' });
  assert.deepEqual(trainingSplit(100, { seed: 1, trainSize: 90, validationSize: 10 }).train.length, 90, 'exactly all images is fine');
});
