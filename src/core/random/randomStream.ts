// The project's PRNG: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom
// number generators"), 128-bit state, period 2^128 - 1, all arithmetic in 32-bit words (fast
// in JS through Math.imul and >>>). States are seeded by SplitMix32 (see splitMix32.ts);
// Gaussians come from the ziggurat (gaussianZiggurat.ts).
import { sampleGaussian, type UniformSource } from './gaussianZiggurat';
import { SplitMix32 } from './splitMix32';

const TWO_TO_32 = 2 ** 32;
const TWO_TO_MINUS_53 = 2 ** -53;

export class RandomStream implements UniformSource {
  private state0: number;
  private state1: number;
  private state2: number;
  private state3: number;

  /** A stream seeded from one unsigned 32-bit seed (expanded to 128 bits by SplitMix32). */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_TO_32) {
      throw new RangeError(`RandomStream: seed is ${seed}, expected an integer in [0, 2^32)`);
    }
    const expander = new SplitMix32(seed);
    // SplitMix32 outputs distinct words, so the state is never all zero (xoshiro's one bad state).
    this.state0 = expander.next();
    this.state1 = expander.next();
    this.state2 = expander.next();
    this.state3 = expander.next();
  }

  /** Writes the 128-bit state to target[0..3] (to continue this stream elsewhere: the WASM sampler). */
  saveState(target: Uint32Array): void {
    target[0] = this.state0;
    target[1] = this.state1;
    target[2] = this.state2;
    target[3] = this.state3;
  }

  /** Continues from a state written by saveState() and advanced elsewhere. */
  restoreState(source: Uint32Array): void {
    this.state0 = source[0];
    this.state1 = source[1];
    this.state2 = source[2];
    this.state3 = source[3];
  }

  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.state1, 5), 7), 9) >>> 0;
    const shifted = this.state1 << 9;
    this.state2 ^= this.state0;
    this.state3 ^= this.state1;
    this.state1 ^= this.state2;
    this.state0 ^= this.state3;
    this.state2 ^= shifted;
    this.state3 = rotateLeft(this.state3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits (all doubles of the form k·2^-53). */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) * TWO_TO_MINUS_53;
  }

  /** Uniform integer in [0, bound), without modulo bias (rejection of the incomplete last cycle). */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > TWO_TO_32) {
      throw new RangeError(`RandomStream.nextInt: bound is ${bound}, expected an integer in [1, 2^32]`);
    }
    const limit = TWO_TO_32 - (TWO_TO_32 % bound);
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
  }

  /** Standard normal N(0, 1), ziggurat method. */
  nextGaussian(): number {
    return sampleGaussian(this);
  }

  /** Fills target[offset .. offset+count) with independent N(0, scale^2) samples. */
  fillGaussian(target: Float64Array, offset: number, count: number, scale = 1): void {
    for (let index = offset; index < offset + count; index++) target[index] = scale * sampleGaussian(this);
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
