import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FASHION_MNIST_FOLDER, fashionMnistLocation } from '../../../../../src/core/families/lottery-ticket/data/datasetSource';
import { loadDataset } from '../../../../../src/core/families/lottery-ticket/data/loadDataset';
import { temporaryFolder, writeTinyDataset } from './idxFixtures';

test('Fashion-MNIST loads from the Debian package dataset-fashion-mnist (gzipped files)', (t) => {
  if (!existsSync(FASHION_MNIST_FOLDER)) {
    t.skip(`${FASHION_MNIST_FOLDER} is missing: apt-get install dataset-fashion-mnist (.ci/run installs it)`);
    return;
  }
  const started = performance.now();
  const fashion = loadDataset('fashion-mnist', '/');
  t.diagnostic(`Fashion-MNIST load: ${(performance.now() - started).toFixed(0)} ms`);
  assert.deepEqual([fashion.name, fashion.rows, fashion.columns, fashion.classes, fashion.train.count, fashion.test.count], ['fashion-mnist', 28, 28, 10, 60000, 10000]);
  // Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
  for (const [set, perClass] of [[fashion.train, 6000], [fashion.test, 1000]] as const) {
    const counts = new Array<number>(10).fill(0);
    for (const label of set.labels) counts[label]++;
    assert.deepEqual(counts, new Array(10).fill(perClass));
  }
  // Its commonly quoted normalization constants.
  assert.ok(Math.abs(fashion.pixelMean - 0.286) < 1e-3 && Math.abs(fashion.pixelStd - 0.353) < 1e-3, `${fashion.pixelMean} ${fashion.pixelStd}`);
});

test('without the Debian package, the error says which package to install or to give { idxFolder }', (t) => {
  const folder = temporaryFolder(t);
  const advice = 'install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or give { "idxFolder": "<folder with the four Fashion-MNIST files>" }';
  assert.throws(() => fashionMnistLocation(join(folder, 'absent')), { message: `dataset "fashion-mnist": ${join(folder, 'absent')} does not exist; ${advice}` });
  writeTinyDataset(folder, { gzip: true });
  rmSync(join(folder, 'train-images-idx3-ubyte.gz'));
  assert.throws(() => fashionMnistLocation(folder), { message: `dataset "fashion-mnist": ${folder} lacks train-images-idx3-ubyte[.gz]; ${advice}` });
});
