// Lottery-ticket experiment files: defaults, sweep axes, and every mistake located.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExperimentText } from '../../../../src/core/config/parseExperimentText';

function problems(text: string) {
  const result = parseExperimentText(text, 'mnist.lth.json');
  assert.equal(result.ok, false, 'expected the file to be refused');
  return result.ok ? [] : result.problems;
}

test('a minimal file resolves to the documented defaults: LeNet-300-100 on MNIST, SGD 0.1, IMP at 20% per round', () => {
  const result = parseExperimentText('{ "kind": "lottery-ticket" }', 'runs/mnist-tickets.lth.json');
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.deepEqual(result.experiment, {
    kind: 'lottery-ticket',
    name: 'mnist-tickets',
    seed: 1,
    trials: 2,
    axes: { trainSize: [55000], learningRate: [0.1], fraction: [0.2], rewindIteration: [0] },
    dataset: 'mnist',
    validationSize: 5000,
    normalize: true,
    hiddenLayers: [300, 100],
    init: 'kaiming-normal',
    optimizer: 'sgd',
    momentum: 0,
    batchSize: 128,
    iterations: 5000,
    evaluateEvery: 100,
    method: 'imp',
    scope: 'layerwise',
    outputFraction: 0.1,
    rounds: 10,
    controls: [],
  });
});

test('lists are sweep axes, in file order without repeats', () => {
  const result = parseExperimentText(
    '{ "kind": "lottery-ticket", "data": { "trainSize": [5000, 1000, 5000] }, "training": { "learningRate": [0.1, 0.05] }, "pruning": { "rewindIteration": [0, 100] } }',
    'x.lth.json',
  );
  assert.ok(result.ok);
  assert.deepEqual(result.experiment.axes, { trainSize: [5000, 1000], learningRate: [0.1, 0.05], fraction: [0.2], rewindIteration: [0, 100] });
});

test('mistakes are errors at their place, saying what was expected', () => {
  const tooMany = problems('{ "kind": "lottery-ticket",\n  "data": { "trainSize": [1000, 58000] } }');
  assert.equal(tooMany[0].path, 'data.trainSize[1]');
  assert.equal(tooMany[0].line, 2);
  assert.match(tooMany[0].message, /58000 \+ validationSize 5000 = 63000 images, but mnist has 60000 training images; expected trainSize <= 55000/);

  assert.match(problems('{ "kind": "lottery-ticket", "pruning": { "fraction": 1 } }')[0].message, /out of range; expected a number in \(0, 1\)/);
  assert.match(problems('{ "kind": "lottery-ticket", "data": { "dataset": "cifar" } }')[0].path, /data\.dataset/);
  assert.match(problems('{ "kind": "lottery-ticket", "data": { "trainSize": 100 } }')[0].message, /batchSize 128 is larger than the smallest trainSize 100/);
  const rewind = problems('{ "kind": "lottery-ticket", "training": { "iterations": 300 }, "pruning": { "rewindIteration": [0, 300] } }');
  assert.equal(rewind[0].path, 'pruning.rewindIteration[1]');
  const huge = problems('{ "kind": "lottery-ticket", "model": { "hiddenLayers": [100000, 100000] } }');
  assert.equal(huge[0].path, 'model.hiddenLayers');
  assert.match(huge[0].message, /GiB per worker; expected at most 4 GiB/);
  assert.match(problems('{ "kind": "lottery-ticket", "pruning": { "controls": ["random-everything"] } }')[0].path, /pruning\.controls\[0\]/);
});

test('likely mistakes are warnings: momentum with Adam, evaluating less often than training', () => {
  const result = parseExperimentText('{ "kind": "lottery-ticket", "training": { "optimizer": "adam", "momentum": 0.9, "iterations": 50 } }', 'x.lth.json');
  assert.ok(result.ok);
  assert.deepEqual(result.problems.map((problem) => [problem.path, problem.severity]), [
    ['training.evaluateEvery', 'warning'],
    ['training.momentum', 'warning'],
  ]);
});
