// AssemblyScript: RandomStream.fillGaussian (../../random/) inside the module, bit for bit: the
// same xoshiro128** steps on the same 128-bit state, the same ziggurat with the same tables
// (written in by the host from gaussianZiggurat.ts), and the host's own Math.exp and Math.log
// for the rare wedge and tail draws, so even those round exactly like the JavaScript sampler.
// Drawing the training inputs and the test set here instead of in JavaScript matters most in a
// fresh worker, where the JavaScript sampler still runs unoptimized (BENCHMARKS.md).

@external('env', 'exp')
declare function hostExp(x: f64): f64;

@external('env', 'log')
declare function hostLog(x: f64): f64;

const LAYER_COUNT = 128;
const LAYER_MASK: u32 = LAYER_COUNT - 1;
const TAIL_START: f64 = 3.442619855899;
const SIGNED_UNIT: f64 = 4.656612873077393e-10; // 2^-31
const TWO_TO_MINUS_53: f64 = 1.1102230246251565e-16;

/** xoshiro128** state (4 words). */
const STATE = memory.data(16, 16);
/** The tables, back to back: edge[129], height[129], fastRatio[128]. */
const EDGE = memory.data(8 * (3 * LAYER_COUNT + 2), 16);
const HEIGHT = EDGE + 8 * (LAYER_COUNT + 1);
const FAST_RATIO = HEIGHT + 8 * (LAYER_COUNT + 1);

/** Where the host writes the generator state before a fill and reads it back after. */
export function gaussianState(): usize {
  return STATE;
}

/** Where the host writes the ziggurat tables (edge, height, fastRatio; 129 + 129 + 128 doubles) once. */
export function zigguratTables(): usize {
  return EDGE;
}

// The state lives in globals during a fill (loaded from STATE at its start, stored at its end).
let state0: u32 = 0;
let state1: u32 = 0;
let state2: u32 = 0;
let state3: u32 = 0;

function nextUint32(): u32 {
  const result = rotl<u32>(state1 * 5, 7) * 9;
  const shifted = state1 << 9;
  state2 ^= state0;
  state3 ^= state1;
  state1 ^= state2;
  state0 ^= state3;
  state2 ^= shifted;
  state3 = rotl<u32>(state3, 11);
  return result;
}

function nextFloat(): f64 {
  const high = nextUint32() >>> 5;
  const low = nextUint32() >>> 6;
  return (<f64>high * 67108864 + <f64>low) * TWO_TO_MINUS_53;
}

function table(base: usize, layer: u32): f64 {
  return load<f64>(base + ((<usize>layer) << 3));
}

function sampleTail(): f64 {
  for (;;) {
    const excess = -hostLog(1 - nextFloat()) / TAIL_START;
    const exponential = -hostLog(1 - nextFloat());
    if (2 * exponential >= excess * excess) return TAIL_START + excess;
  }
  return unreachable(); // the loop only ends by returning
}

function sampleGaussian(): f64 {
  for (;;) {
    const layer = nextUint32() & LAYER_MASK;
    const signedUniform = <f64>(<i32>nextUint32()) * SIGNED_UNIT;
    if (Math.abs(signedUniform) < table(FAST_RATIO, layer)) return signedUniform * table(EDGE, layer);
    const x = signedUniform * table(EDGE, layer);
    if (layer == 0) return signedUniform < 0 ? -sampleTail() : sampleTail();
    const y = table(HEIGHT, layer) + nextFloat() * (table(HEIGHT, layer + 1) - table(HEIGHT, layer));
    if (y < hostExp(-0.5 * x * x)) return x;
  }
  return unreachable(); // the loop only ends by returning
}

/** target[0 .. count) = N(0, 1) samples from the generator state at gaussianState(). */
export function fillGaussian(target: usize, count: i32): void {
  state0 = load<u32>(STATE);
  state1 = load<u32>(STATE, 4);
  state2 = load<u32>(STATE, 8);
  state3 = load<u32>(STATE, 12);
  for (let index = 0; index < count; index++) store<f64>(target + ((<usize>index) << 3), sampleGaussian());
  store<u32>(STATE, state0);
  store<u32>(STATE, state1, 4);
  store<u32>(STATE, state2, 8);
  store<u32>(STATE, state3, 12);
}
