import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readIdxBytes } from '../../../../../src/core/families/lottery-ticket/data/idxFiles';
import { parseIdxImages, parseIdxLabels } from '../../../../../src/core/families/lottery-ticket/data/idxFormat';
import { idxBytes, temporaryFolder } from './idxFixtures';

const PIXELS = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255];

test('images parse: sizes from the big-endian header, pixels in order', () => {
  const images = parseIdxImages(idxBytes([2, 2, 3], PIXELS), 'images');
  assert.deepEqual({ count: images.count, rows: images.rows, columns: images.columns }, { count: 2, rows: 2, columns: 3 });
  assert.deepEqual([...images.pixels], PIXELS);
  // Sizes above 255 need all four header bytes in big-endian order.
  assert.equal(parseIdxImages(idxBytes([1, 1, 300], new Uint8Array(300)), 'wide').columns, 300);
});

test('labels parse, and every label is checked against the class count', () => {
  assert.deepEqual([...parseIdxLabels(idxBytes([4], [0, 9, 3, 5]), 'labels', 10)], [0, 9, 3, 5]);
  assert.throws(() => parseIdxLabels(idxBytes([3], [1, 10, 2]), 'labels.idx', 10), { message: 'labels.idx: label 10 at index 1, expected a class in 0..9' });
});

test('a file reads plain or gzipped (recognized by its magic bytes, whatever its name)', (t) => {
  const folder = temporaryFolder(t);
  const bytes = idxBytes([2, 2, 3], PIXELS);
  writeFileSync(join(folder, 'plain'), bytes);
  writeFileSync(join(folder, 'zipped.gz'), gzipSync(bytes));
  writeFileSync(join(folder, 'zipped-without-suffix'), gzipSync(bytes));
  for (const name of ['plain', 'zipped.gz', 'zipped-without-suffix']) {
    const read = readIdxBytes(join(folder, name));
    assert.deepEqual([...read], [...bytes], name);
    assert.ok(read.buffer instanceof SharedArrayBuffer, `${name}: bytes are shared`);
  }
});

test('a damaged gzip file names the file', (t) => {
  const folder = temporaryFolder(t);
  const path = join(folder, 'train-images-idx3-ubyte.gz');
  const zipped = gzipSync(idxBytes([2, 2, 3], PIXELS));
  writeFileSync(path, zipped.subarray(0, zipped.length - 10));
  assert.throws(() => readIdxBytes(path), (error: Error) => error.message.startsWith(`${path}: starts like gzip (1f 8b) but does not decompress`));
});

test('every malformed header is rejected with the file and what was expected', () => {
  const SIZE_SAYS = 'f: the IDX header says 2 × 2 × 3 (image count × rows × columns) unsigned bytes, so the file should be';
  const cases: [string, Uint8Array, string][] = [
    ['too short', new Uint8Array([0, 0, 8]), 'f: 3 bytes, too short for an IDX file (expected it to start with 0x00 0x00 0x08 0x03)'],
    ['bad magic', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'f: not an IDX file: it starts with 0x50 0x4b 0x03 0x04, expected 0x00 0x00 0x08 0x03'],
    ['float data', idxBytes([1, 1, 1], new Uint8Array(4), 0x0d), 'f: IDX data type 0x0d (float32), expected 0x08 (unsigned byte)'],
    ['unknown type', idxBytes([1, 1, 1], new Uint8Array(1), 0x42), 'f: IDX data type 0x42 (unknown), expected 0x08 (unsigned byte)'],
    ['labels as images', idxBytes([3], [1, 2, 3]), 'f: 1 dimension, expected 3 (image count, rows, columns)'],
    ['header cut', idxBytes([2, 2, 3], []).subarray(0, 10), 'f: 10 bytes, too short for its 16-byte IDX header'],
    ['zero rows', idxBytes([2, 0, 3], []), 'f: rows is 0 in the IDX header, expected at least 1'],
    ['one byte short', idxBytes([2, 2, 3], PIXELS.slice(1)), `${SIZE_SAYS} 16 + 12 = 28 bytes uncompressed; it is 27 bytes`],
    ['one byte long', idxBytes([2, 2, 3], [...PIXELS, 0]), `${SIZE_SAYS} 16 + 12 = 28 bytes uncompressed; it is 29 bytes`],
  ];
  for (const [name, bytes, message] of cases) assert.throws(() => parseIdxImages(bytes, 'f'), { message }, name);
  assert.throws(() => parseIdxLabels(idxBytes([2, 2, 3], PIXELS), 'g', 10), { message: 'g: 3 dimensions, expected 1 (label count)' });
  assert.throws(() => parseIdxLabels(idxBytes([5], [1, 2]), 'g', 10), {
    message: 'g: the IDX header says 5 (label count) unsigned bytes, so the file should be 8 + 5 = 13 bytes uncompressed; it is 10 bytes',
  });
});
