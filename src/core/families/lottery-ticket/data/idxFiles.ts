// Where the four IDX files of an image data set are, and their bytes. Files may be stored plain
// or gzipped (as the MNIST site, Fashion-MNIST and Debian ship them); gzip is recognized by its
// magic bytes, not by the name, so a renamed file still reads. Bytes land in SharedArrayBuffers
// (see imageDataset.ts); a plain file is read straight into one, saving a 47 MB copy for MNIST.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The standard names of the four files, each also accepted with `.gz` appended. */
export const IDX_FILE_NAMES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export type IdxFileRole = keyof typeof IDX_FILE_NAMES;
export type IdxFilePaths = Record<IdxFileRole, string>;

const ROLES = Object.keys(IDX_FILE_NAMES) as IdxFileRole[];

/** The four files in `folder` (plain preferred over `.gz`: it reads faster), or the names of those missing. */
export function findIdxFiles(folder: string): { paths: IdxFilePaths; missing?: undefined } | { paths?: undefined; missing: string[] } {
  const paths: Partial<IdxFilePaths> = {};
  const missing: string[] = [];
  for (const role of ROLES) {
    const name = IDX_FILE_NAMES[role];
    const found = [name, `${name}.gz`].map((candidate) => join(folder, candidate)).find((path) => existsSync(path));
    if (found === undefined) missing.push(`${name}[.gz]`);
    else paths[role] = found;
  }
  return missing.length > 0 ? { missing } : { paths: paths as IdxFilePaths };
}

/** The IDX bytes of a file, gunzipped when it starts with the gzip magic 1f 8b, backed by a SharedArrayBuffer. */
export function readIdxBytes(path: string): Uint8Array {
  const stored = readSharedFile(path);
  if (stored.length < 2 || stored[0] !== 0x1f || stored[1] !== 0x8b) return stored;
  let unzipped: Uint8Array;
  try {
    unzipped = gunzipSync(stored);
  } catch (error) {
    throw new Error(`${path}: starts like gzip (1f 8b) but does not decompress (${(error as Error).message}); expected a complete gzipped IDX file`);
  }
  const shared = new Uint8Array(new SharedArrayBuffer(unzipped.length));
  shared.set(unzipped);
  return shared;
}

function readSharedFile(path: string): Uint8Array {
  const descriptor = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(descriptor).size));
    let done = 0;
    while (done < bytes.length) {
      const read = readSync(descriptor, bytes, done, bytes.length - done, done);
      if (read === 0) throw new Error(`${path}: ended after ${done} bytes while reading ${bytes.length}; the file changed while it was read`);
      done += read;
    }
    return bytes;
  } finally {
    closeSync(descriptor);
  }
}
