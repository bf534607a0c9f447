// Masks as bits, for the run folder: LeNet-300-100's 266,200 weights take 33 kB per mask.
// Layers one after another, each [out][in] row-major, bit i of byte k = weight 8k + i.

export function packMasks(masks: readonly Uint8Array[]): Uint8Array {
  const total = masks.reduce((sum, mask) => sum + mask.length, 0);
  const bits = new Uint8Array(Math.ceil(total / 8));
  let position = 0;
  for (const mask of masks) {
    for (let index = 0; index < mask.length; index++, position++) if (mask[index] !== 0) bits[position >> 3] |= 1 << (position & 7);
  }
  return bits;
}

/** The masks of a network with these layer sizes from packMasks' bytes; a length that does not fit is an error. */
export function unpackMasks(bits: Uint8Array, layerSizes: readonly number[]): Uint8Array[] {
  const lengths = layerSizes.slice(1).map((out, layer) => out * layerSizes[layer]);
  const total = lengths.reduce((sum, length) => sum + length, 0);
  if (bits.length !== Math.ceil(total / 8)) throw new Error(`a saved mask of ${bits.length} bytes does not fit a network of ${total} weights (expected ${Math.ceil(total / 8)} bytes)`);
  let position = 0;
  return lengths.map((length) => {
    const mask = new Uint8Array(length);
    for (let index = 0; index < length; index++, position++) mask[index] = (bits[position >> 3] >> (position & 7)) & 1;
    return mask;
  });
}
