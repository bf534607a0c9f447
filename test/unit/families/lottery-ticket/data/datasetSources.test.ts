import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveDatasetSource, type DatasetSource } from '../../../../../src/core/families/lottery-ticket/data/datasetSource';
import { loadDataset } from '../../../../../src/core/families/lottery-ticket/data/loadDataset';
import { idxBytes, temporaryFolder, writeTinyDataset } from './idxFixtures';

test('{ idxFolder } resolves relative to the base directory, reads gzipped files, and is cached by folder', (t) => {
  const experimentDir = temporaryFolder(t);
  const dataDir = join(experimentDir, 'data', 'tiny');
  mkdirSync(dataDir, { recursive: true });
  writeTinyDataset(dataDir, { gzip: true });
  const dataset = loadDataset({ idxFolder: 'data/tiny' }, experimentDir);
  assert.deepEqual([dataset.name, dataset.rows, dataset.columns, dataset.classes, dataset.train.count, dataset.test.count], [dataDir, 2, 3, 10, 12, 5]);
  assert.deepEqual([...dataset.train.labels], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  assert.deepEqual([...dataset.test.images.subarray(6, 12)], [7, 8, 9, 10, 11, 12]);
  assert.equal(loadDataset({ idxFolder: dataDir }, '/elsewhere'), dataset, 'the same folder spelled absolutely is the same cached data set');
  assert.equal(loadDataset({ idxFolder: './tiny' }, join(experimentDir, 'data')), dataset);
});

test('pixelMean and pixelStd are those of pixel/255 over the training images', (t) => {
  const folder = temporaryFolder(t);
  writeTinyDataset(folder, { trainCount: 3, rows: 1, columns: 2 });
  // Training pixels (7i + p) for i < 3, p < 2: 0 1 7 8 14 15.
  const values = [0, 1, 7, 8, 14, 15].map((pixel) => pixel / 255);
  const mean = values.reduce((sum, value) => sum + value) / values.length;
  const std = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
  const dataset = loadDataset({ idxFolder: folder }, '/');
  assert.ok(Math.abs(dataset.pixelMean - mean) < 1e-12 && Math.abs(dataset.pixelStd - std) < 1e-12, `${dataset.pixelMean} ${dataset.pixelStd} vs ${mean} ${std}`);
});

test('a missing folder or missing files are named', (t) => {
  const base = temporaryFolder(t);
  assert.throws(() => resolveDatasetSource({ idxFolder: 'nowhere' }, base), { message: `dataset { "idxFolder": "nowhere" }: folder ${join(base, 'nowhere')} does not exist` });
  writeTinyDataset(base);
  rmSync(join(base, 'train-labels-idx1-ubyte'));
  rmSync(join(base, 't10k-images-idx3-ubyte'));
  assert.throws(() => resolveDatasetSource({ idxFolder: '.' }, base), {
    message: `dataset { "idxFolder": "." }: ${base} lacks train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz] (each may be plain or gzipped with .gz)`,
  });
});

test('an unknown source says what is accepted', () => {
  const accepted = 'dataset: "cifar-10", expected "mnist", "fashion-mnist" or { "idxFolder": ';
  assert.throws(() => resolveDatasetSource('cifar-10' as DatasetSource, '/'), (error: Error) => error.message.startsWith(accepted));
});

test('files that do not fit together are rejected: label count, image size of train vs test', (t) => {
  const fewLabels = temporaryFolder(t);
  writeTinyDataset(fewLabels);
  writeFileSync(join(fewLabels, 'train-labels-idx1-ubyte'), idxBytes([11], new Uint8Array(11)));
  assert.throws(() => loadDataset({ idxFolder: fewLabels }, '/'), {
    message: `${join(fewLabels, 'train-labels-idx1-ubyte')}: 11 labels, expected one per image of ${join(fewLabels, 'train-images-idx3-ubyte')} (12)`,
  });
  const otherSize = temporaryFolder(t);
  writeTinyDataset(otherSize);
  writeFileSync(join(otherSize, 't10k-images-idx3-ubyte'), idxBytes([5, 3, 2], new Uint8Array(30)));
  assert.throws(() => loadDataset({ idxFolder: otherSize }, '/'), {
    message: `${otherSize}: training images are 2×3 pixels but test images 3×2; expected one image size`,
  });
});

test('a bad label in a data set names its file', (t) => {
  const folder = temporaryFolder(t);
  writeTinyDataset(folder);
  writeFileSync(join(folder, 't10k-labels-idx1-ubyte'), idxBytes([5], [0, 1, 2, 3, 12]));
  assert.throws(() => loadDataset({ idxFolder: folder }, '/'), { message: `${join(folder, 't10k-labels-idx1-ubyte')}: label 12 at index 4, expected a class in 0..9` });
});
