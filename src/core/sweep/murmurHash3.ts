// MurmurHash3, x86 32-bit variant (Austin Appleby, public domain algorithm), over UTF-8 bytes.
// Used for trial seeds and shard membership: fast, well mixed, and the same in Node and browsers.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

function scrambleBlock(block: number): number {
  return Math.imul(rotateLeft(Math.imul(block, C1), 15), C2);
}

/** MurmurHash3_x86_32 of `bytes` with a uint32 `seed`; returns a uint32. */
export function murmurHash3(bytes: Uint8Array, seed: number): number {
  let hash = seed >>> 0;
  const blockCount = bytes.length >>> 2;
  for (let block = 0; block < blockCount; block++) {
    const at = block * 4;
    const word = bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
    hash ^= scrambleBlock(word);
    hash = (Math.imul(rotateLeft(hash, 13), 5) + 0xe6546b64) | 0;
  }
  const tailStart = blockCount * 4;
  let tail = 0;
  // The last 1-3 bytes, little-endian, mixed like a block but without the rotate-add step.
  for (let index = bytes.length - 1; index >= tailStart; index--) tail = (tail << 8) | bytes[index];
  if (bytes.length > tailStart) hash ^= scrambleBlock(tail);
  hash ^= bytes.length;
  // Final avalanche (fmix32).
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const utf8 = new TextEncoder();

/** MurmurHash3_x86_32 of the UTF-8 bytes of `text`. */
export function murmurHash3Text(text: string, seed: number): number {
  return murmurHash3(utf8.encode(text), seed);
}
