// Loads a data set once per process: a trainer that runs many trials, or a CLI that evaluates
// several, reads, checks and decompresses the files a single time (MNIST: ~55 MB).
import { checkFileIdentity } from './fileIdentity';
import { resolveDatasetSource, type DatasetLocation, type DatasetSource } from './datasetSource';
import { type ImageDataset, type ImageSet, pixelMoments } from './imageDataset';
import { IDX_FILE_NAMES, readIdxBytes, type IdxFileRole } from './idxFiles';
import { parseIdxImages, parseIdxLabels } from './idxFormat';

const CLASSES = 10;
const loaded = new Map<string, ImageDataset>();

/** The data set `source` names (relative idxFolder paths from `baseDir`); the same object on every call for the same location. */
export function loadDataset(source: DatasetSource, baseDir: string): ImageDataset {
  return loadDatasetAt(resolveDatasetSource(source, baseDir));
}

/** The data set at a resolved location, cached by name and folder. */
export function loadDatasetAt(location: DatasetLocation): ImageDataset {
  const key = `${location.name}\n${location.folder}`;
  let dataset = loaded.get(key);
  if (dataset === undefined) {
    dataset = readDataset(location);
    loaded.set(key, dataset);
  }
  return dataset;
}

function readDataset(location: DatasetLocation): ImageDataset {
  const train = readImageSet(location, 'trainImages', 'trainLabels');
  const test = readImageSet(location, 'testImages', 'testLabels');
  if (train.rows !== test.rows || train.columns !== test.columns) {
    throw new Error(
      `${location.folder}: training images are ${train.rows}×${train.columns} pixels but test images ${test.rows}×${test.columns}; expected one image size`,
    );
  }
  const { mean, std } = pixelMoments(train.set.images);
  return { name: location.name, rows: train.rows, columns: train.columns, classes: CLASSES, train: train.set, test: test.set, pixelMean: mean, pixelStd: std };
}

function readImageSet(location: DatasetLocation, imagesRole: IdxFileRole, labelsRole: IdxFileRole): { set: ImageSet; rows: number; columns: number } {
  const imagesPath = location.files[imagesRole];
  const labelsPath = location.files[labelsRole];
  const images = parseIdxImages(readCheckedBytes(location, imagesRole), imagesPath);
  const labels = parseIdxLabels(readCheckedBytes(location, labelsRole), labelsPath, CLASSES);
  if (labels.length !== images.count) throw new Error(`${labelsPath}: ${labels.length} labels, expected one per image of ${imagesPath} (${images.count})`);
  return { set: { images: images.pixels, labels, count: images.count }, rows: images.rows, columns: images.columns };
}

function readCheckedBytes(location: DatasetLocation, role: IdxFileRole): Uint8Array {
  const path = location.files[role];
  const bytes = readIdxBytes(path);
  if (location.expected) checkFileIdentity(path, bytes, location.expected[role], `the ${location.name} file ${IDX_FILE_NAMES[role]}`);
  return bytes;
}
