// Images into the float32 input rows the network trains on. Runs every training step (batch 60
// of 784 pixels: 47k values), so the loop is one multiply-add per pixel: (pixel/255 - mean)/std
// is folded into pixel·scale + offset.
import type { ImageSet } from './imageDataset';

/** Input normalization: x = (pixel/255 - mean) / std. */
export interface PixelNormalization {
  mean: number;
  std: number;
}

/**
 * Writes images indices[start .. start+count) of `set` as rows of outImages (pixel/255, then
 * normalized when `normalize` is given) and their labels to outLabels[0 .. count).
 */
export function gatherBatch(
  set: ImageSet,
  indices: Uint32Array | readonly number[],
  start: number,
  count: number,
  normalize: PixelNormalization | null,
  outImages: Float32Array,
  outLabels: Uint8Array,
): void {
  if (start < 0 || start + count > indices.length) throw new RangeError(`gatherBatch: rows ${start}..${start + count} of ${indices.length} indices`);
  const pixelsPerImage = checkedPixelsPerImage(set, count, outImages, outLabels);
  const { scale, offset } = affine(normalize);
  const images = set.images;
  for (let row = 0; row < count; row++) {
    const image = indices[start + row];
    if (!(image < set.count)) throw new RangeError(`gatherBatch: index ${image} at position ${start + row}, expected an image in 0..${set.count - 1}`);
    writePixels(images, image * pixelsPerImage, outImages, row * pixelsPerImage, pixelsPerImage, scale, offset);
    outLabels[row] = set.labels[image];
  }
}

/** Like gatherBatch for the consecutive images first .. first+count-1 (evaluation in chunks, e.g. the test set). */
export function gatherRange(
  set: ImageSet,
  first: number,
  count: number,
  normalize: PixelNormalization | null,
  outImages: Float32Array,
  outLabels: Uint8Array,
): void {
  if (first < 0 || first + count > set.count) throw new RangeError(`gatherRange: images ${first}..${first + count} of ${set.count}`);
  const pixelsPerImage = checkedPixelsPerImage(set, count, outImages, outLabels);
  const { scale, offset } = affine(normalize);
  writePixels(set.images, first * pixelsPerImage, outImages, 0, count * pixelsPerImage, scale, offset);
  outLabels.set(set.labels.subarray(first, first + count));
}

function checkedPixelsPerImage(set: ImageSet, count: number, outImages: Float32Array, outLabels: Uint8Array): number {
  const pixelsPerImage = set.images.length / set.count;
  if (outImages.length < count * pixelsPerImage || outLabels.length < count) {
    throw new RangeError(`gather: ${count} images need ${count * pixelsPerImage} floats and ${count} labels, got ${outImages.length} and ${outLabels.length}`);
  }
  return pixelsPerImage;
}

function affine(normalize: PixelNormalization | null): { scale: number; offset: number } {
  if (normalize === null) return { scale: 1 / 255, offset: 0 };
  return { scale: 1 / (255 * normalize.std), offset: -normalize.mean / normalize.std };
}

function writePixels(images: Uint8Array, from: number, out: Float32Array, to: number, length: number, scale: number, offset: number): void {
  for (let index = 0; index < length; index++) out[to + index] = images[from + index] * scale + offset;
}
