// Seeding and hashing for the PRNG. SplitMix32 here means: a Weyl sequence (state += golden
// ratio 0x9E3779B9) passed through MurmurHash3's 32-bit finalizer (fmix32). The finalizer is a
// bijection on 32-bit words with full avalanche, so nearby seeds (1, 2, 3, ...) give unrelated
// states, and distinct Weyl states never collide.

const GOLDEN_RATIO_32 = 0x9e3779b9;

/** MurmurHash3's fmix32: a bijective 32-bit mixer. Returns an unsigned 32-bit integer. */
export function mix32(value: number): number {
  let mixed = value >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** A SplitMix32 generator: used only to expand a 32-bit seed into a xoshiro128** state. */
export class SplitMix32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + GOLDEN_RATIO_32) >>> 0;
    return mix32(this.state);
  }
}

/** FNV-1a of a label's UTF-16 code units, then mixed: names a sub-stream by a readable label. */
export function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index++) {
    hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193);
  }
  return mix32(hash);
}
