// Images into the float32 input rows the network trains on and is scored on. The selected images'
// bytes are staged side by side, then converted in one pass: (pixel/255 - mean)/std, folded into
// pixel·scale + offset (pixelConversion.ts).
import type { ImageSet } from './imageDataset';
import { pixelConverter } from './pixelConversion';

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
  const converter = pixelConverter();
  const staged = converter.staging(count * pixelsPerImage);
  for (let row = 0; row < count; row++) {
    const image = indices[start + row];
    if (!(image < set.count)) throw new RangeError(`gatherBatch: index ${image} at position ${start + row}, expected an image in 0..${set.count - 1}`);
    staged.set(set.images.subarray(image * pixelsPerImage, (image + 1) * pixelsPerImage), row * pixelsPerImage);
    outLabels[row] = set.labels[image];
  }
  const { scale, offset } = affine(normalize);
  converter.convert(count * pixelsPerImage, scale, offset, outImages, 0);
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
  const converter = pixelConverter();
  converter.staging(count * pixelsPerImage).set(set.images.subarray(first * pixelsPerImage, (first + count) * pixelsPerImage));
  const { scale, offset } = affine(normalize);
  converter.convert(count * pixelsPerImage, scale, offset, outImages, 0);
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
