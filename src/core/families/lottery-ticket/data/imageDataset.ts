// A loaded image classification data set. The byte arrays are views of SharedArrayBuffers, so
// posting a data set to a worker thread shares the memory instead of copying 55 MB per worker.

export interface ImageSet {
  /** count × rows × columns pixel bytes (0..255), image after image, row-major. */
  images: Uint8Array;
  /** One class (0 .. classes-1) per image. */
  labels: Uint8Array;
  count: number;
}

export interface ImageDataset {
  name: string;
  rows: number;
  columns: number;
  classes: number;
  train: ImageSet;
  test: ImageSet;
  /** Mean and standard deviation of pixel/255 over all training images (for input normalization). */
  pixelMean: number;
  pixelStd: number;
}

/** Pixels per block summed in int32: 16384 · 255² < 2^31, so the sum of squares cannot overflow. */
const BLOCK = 16384;

/**
 * Mean and (population) standard deviation of pixel/255. The sums are exact integers (int32 per
 * block, then doubles, exact below 2^53), so no rounding builds up over MNIST's 47 million pixels;
 * int32 blocks run about twice as fast as a histogram or float sums.
 */
export function pixelMoments(pixels: Uint8Array): { mean: number; std: number } {
  let sum = 0;
  let sumOfSquares = 0;
  for (let blockStart = 0; blockStart < pixels.length; blockStart += BLOCK) {
    const blockEnd = Math.min(pixels.length, blockStart + BLOCK);
    let blockSum = 0;
    let blockSquares = 0;
    for (let index = blockStart; index < blockEnd; index++) {
      const pixel = pixels[index];
      blockSum = (blockSum + pixel) | 0;
      blockSquares = (blockSquares + pixel * pixel) | 0;
    }
    sum += blockSum;
    sumOfSquares += blockSquares;
  }
  const mean = sum / pixels.length;
  const variance = sumOfSquares / pixels.length - mean * mean;
  return { mean: mean / 255, std: Math.sqrt(Math.max(variance, 0)) / 255 };
}
