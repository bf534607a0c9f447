import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { loadDataset } from '../../../../../src/core/families/lottery-ticket/data/loadDataset';
import { temporaryFolder, writeTinyDataset } from './idxFixtures';

// Plain JavaScript, so the worker needs no TypeScript loader: it reports what it received and
// writes into the data set's memory.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', (dataset) => {
  const arrays = [dataset.train.images, dataset.train.labels, dataset.test.images, dataset.test.labels];
  const seen = { shared: arrays.every((array) => array.buffer instanceof SharedArrayBuffer), pixel: dataset.train.images[7], label: dataset.test.labels[4] };
  dataset.train.images[7] = 201;
  dataset.test.labels[4] = 9;
  parentPort.postMessage(seen);
});
`;

test('a data set posted to a worker thread shares its memory: the worker sees the bytes and its writes come back', async (t) => {
  const folder = temporaryFolder(t);
  writeTinyDataset(folder, { gzip: true });
  const dataset = loadDataset({ idxFolder: folder }, '/');
  const before = { pixel: dataset.train.images[7], label: dataset.test.labels[4] };
  const worker = new Worker(WORKER, { eval: true });
  t.after(() => worker.terminate());
  const seen = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage(dataset);
  assert.deepEqual(await seen, { shared: true, ...before });
  // No message carried the change back: only shared memory can.
  assert.equal(dataset.train.images[7], 201);
  assert.equal(dataset.test.labels[4], 9);
});
