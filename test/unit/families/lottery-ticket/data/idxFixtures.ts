// Small synthetic IDX files for the data-layer tests (not a test file itself).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';

/** IDX bytes: 0 0 type ndims, big-endian sizes, then `data` (any length: malformed files too). */
export function idxBytes(sizes: number[], data: ArrayLike<number>, type = 0x08): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * sizes.length));
  header.setUint8(2, type);
  header.setUint8(3, sizes.length);
  sizes.forEach((size, dimension) => header.setUint32(4 + 4 * dimension, size, false));
  const bytes = new Uint8Array(header.byteLength + data.length);
  bytes.set(new Uint8Array(header.buffer));
  bytes.set(data, header.byteLength);
  return bytes;
}

/** A fresh folder, removed when the test `t` ends. */
export function temporaryFolder(t: TestContext): string {
  const folder = mkdtempSync(join(tmpdir(), 'lth-idx-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** A tiny data set: `trainCount` and `testCount` images of rows×columns; pixel (image i, p) = (7i + p) mod 256, label i mod 10. */
export function writeTinyDataset(folder: string, { trainCount = 12, testCount = 5, rows = 2, columns = 3, gzip = false } = {}): void {
  const write = (name: string, bytes: Uint8Array) => writeFileSync(join(folder, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  for (const [prefix, count] of [['train', trainCount], ['t10k', testCount]] as const) {
    const pixels = Array.from({ length: count * rows * columns }, (_, index) => (7 * Math.floor(index / (rows * columns)) + (index % (rows * columns))) % 256);
    write(`${prefix}-images-idx3-ubyte`, idxBytes([count, rows, columns], pixels));
    write(`${prefix}-labels-idx1-ubyte`, idxBytes([count], Array.from({ length: count }, (_, index) => index % 10)));
  }
}
