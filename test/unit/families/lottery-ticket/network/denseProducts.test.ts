// The dense products of the WASM network, called directly, against float32 sums written out in
// JavaScript in the order the records depend on: every sum starts from its initial value and
// adds its terms k = 0, 1, ... one rounded product at a time. A kernel that blocked, packed or
// tiled differently but summed in another order would round differently and fail here (the
// values span six orders of magnitude, so the order shows in the last bits).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mlpKernelsModule } from '../../../../../src/core/families/lottery-ticket/network/createNetwork';
import { RandomStream } from '../../../../../src/core/random/randomStream';
import { ensureWasmBuilt } from '../../../numerics/support';

before(ensureWasmBuilt);

interface DenseKernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
  denseForward(...args: number[]): void;
  denseInputGradient(...args: number[]): void;
  denseWeightGradient(...args: number[]): void;
}

// 13 outputs (padded to 16 rows), 37 inputs (4 column pairs, 1 vector left over and 1 column no
// vector covers), 45 samples padded to 64.
const OUTPUTS = 13;
const PADDED_OUTPUTS = 16;
const INPUTS = 37;
const PADDED_INPUTS = 40;
const COUNT = 45;
const PADDED_COUNT = 64;
const ROW_BYTES = PADDED_COUNT * 4;

const random = new RandomStream(11);
const spread = () => (random.nextFloat() - 0.5) * 10 ** (6 * random.nextFloat() - 3);
/** [PADDED_OUTPUTS][INPUTS] weights, zero in the padded rows, plus 4 floats the input gradient reads past the end. */
const weights = Float32Array.from({ length: PADDED_OUTPUTS * INPUTS + 4 }, (_, index) => (index < OUTPUTS * INPUTS ? spread() : 0));
const biases = Float32Array.from({ length: PADDED_OUTPUTS }, (_, row) => (row < OUTPUTS ? spread() : 0));
/** Features-major, zero in the padded samples. */
const inputs = Float32Array.from({ length: INPUTS * PADDED_COUNT }, (_, index) => (index % PADDED_COUNT < COUNT ? spread() : 0));
const deltas = Float32Array.from({ length: PADDED_OUTPUTS * PADDED_COUNT }, (_, index) =>
  index % PADDED_COUNT < COUNT && index < OUTPUTS * PADDED_COUNT ? spread() : 0,
);
const keep = Uint32Array.from({ length: PADDED_OUTPUTS * INPUTS + 4 }, () => (random.nextFloat() < 0.7 ? 0xffffffff : 0));

/** The kernels with the operands above copied into their memory, and a reader of float32 results. */
function kernelsWithOperands() {
  const kernels = new WebAssembly.Instance(mlpKernelsModule(), { env: { abort: () => assert.fail('abort') } }).exports as unknown as DenseKernels;
  let end = kernels.heapBase();
  const reserve = (floats: number) => {
    const address = Math.ceil(end / 64) * 64;
    end = address + floats * 4;
    return address;
  };
  const at = {
    weights: reserve(weights.length),
    biases: reserve(biases.length),
    inputs: reserve(inputs.length),
    batchInputs: reserve(COUNT * INPUTS),
    deltas: reserve(deltas.length),
    keep: reserve(keep.length),
    outputs: reserve(PADDED_OUTPUTS * PADDED_COUNT),
    inputDeltas: reserve(PADDED_INPUTS * PADDED_COUNT),
    gradients: reserve(PADDED_OUTPUTS * INPUTS + 4),
    panels: reserve(PADDED_OUTPUTS * Math.max(INPUTS, PADDED_COUNT)),
    columnPanels: reserve(Math.max(INPUTS, PADDED_OUTPUTS) * PADDED_COUNT),
  };
  kernels.memory.grow(Math.ceil(end / 65536));
  const floats = (address: number, length: number) => new Float32Array(kernels.memory.buffer, address, length);
  floats(at.weights, weights.length).set(weights);
  floats(at.biases, biases.length).set(biases);
  floats(at.inputs, inputs.length).set(inputs);
  floats(at.batchInputs, COUNT * INPUTS).set(Float32Array.from({ length: COUNT * INPUTS }, (_, index) => inputs[(index % INPUTS) * PADDED_COUNT + Math.floor(index / INPUTS)]));
  floats(at.deltas, deltas.length).set(deltas);
  new Uint32Array(kernels.memory.buffer, at.keep, keep.length).set(keep);
  return { kernels, at, floats };
}

/** initial + sum over k < depth of term(k), each product and each sum rounded to float32, in order of k. */
function orderedSum(initial: number, depth: number, term: (k: number) => [number, number]): number {
  let sum = Math.fround(initial);
  for (let k = 0; k < depth; k++) {
    const [left, right] = term(k);
    sum = Math.fround(sum + Math.fround(left * right));
  }
  return sum;
}

/** Lane l of a vector dot product sums the terms n = l, l + 4, ... in order; then (l0 + l1) + (l2 + l3). */
function laneSum(depth: number, term: (k: number) => [number, number]): number {
  const lanes = [0, 1, 2, 3].map((lane) => {
    let sum = 0;
    for (let k = lane; k < depth; k += 4) sum = Math.fround(sum + Math.fround(term(k)[0] * term(k)[1]));
    return sum;
  });
  return Math.fround(Math.fround(lanes[0] + lanes[1]) + Math.fround(lanes[2] + lanes[3]));
}

function assertSameBits(actual: number, expected: number, what: string): void {
  assert.ok(Object.is(actual, expected), `${what}: ${actual}, expected ${expected}`);
}

test('the forward product sums bias + w·x over the inputs in order, bit for bit', () => {
  const { kernels, at, floats } = kernelsWithOperands();
  kernels.denseForward(PADDED_OUTPUTS, INPUTS, at.weights, at.biases, at.inputs, at.outputs, ROW_BYTES, PADDED_COUNT, at.panels, at.columnPanels);
  const outputs = floats(at.outputs, PADDED_OUTPUTS * PADDED_COUNT);
  for (let output = 0; output < OUTPUTS; output++) {
    for (let sample = 0; sample < PADDED_COUNT; sample++) {
      const expected = orderedSum(biases[output], INPUTS, (input) => [weights[output * INPUTS + input], inputs[input * PADDED_COUNT + sample]]);
      assertSameBits(outputs[output * PADDED_COUNT + sample], expected, `output ${output}, sample ${sample}`);
    }
  }
});

test('the input gradient sums w·delta over the outputs in order, bit for bit', () => {
  const { kernels, at, floats } = kernelsWithOperands();
  kernels.denseInputGradient(PADDED_INPUTS, INPUTS, OUTPUTS, at.weights, at.deltas, at.inputDeltas, ROW_BYTES, PADDED_COUNT, at.columnPanels);
  const inputDeltas = floats(at.inputDeltas, PADDED_INPUTS * PADDED_COUNT);
  for (let input = 0; input < INPUTS; input++) {
    for (let sample = 0; sample < PADDED_COUNT; sample++) {
      const expected = orderedSum(0, OUTPUTS, (output) => [weights[output * INPUTS + input], deltas[output * PADDED_COUNT + sample]]);
      assertSameBits(inputDeltas[input * PADDED_COUNT + sample], expected, `input ${input}, sample ${sample}`);
    }
  }
});

test('the weight gradient sums delta·x over the samples in order (the column no vector covers: by lanes), bit for bit, zero where not kept', () => {
  const { kernels, at, floats } = kernelsWithOperands();
  kernels.denseWeightGradient(
    PADDED_OUTPUTS, INPUTS, COUNT, at.deltas, at.batchInputs, at.inputs, ROW_BYTES, PADDED_COUNT, at.gradients, at.keep, at.panels, at.columnPanels,
  );
  const gradients = floats(at.gradients, PADDED_OUTPUTS * INPUTS);
  let orderMatters = false;
  for (let output = 0; output < OUTPUTS; output++) {
    for (let input = 0; input < INPUTS; input++) {
      const term = (sample: number): [number, number] => [deltas[output * PADDED_COUNT + sample], inputs[input * PADDED_COUNT + sample]];
      const sum = input < (INPUTS & ~3) ? orderedSum(0, COUNT, term) : laneSum(PADDED_COUNT, term);
      const expected = keep[output * INPUTS + input] ? sum : 0;
      assertSameBits(gradients[output * INPUTS + input], expected, `output ${output}, input ${input}`);
      if (orderedSum(0, COUNT, (sample) => term(COUNT - 1 - sample)) !== orderedSum(0, COUNT, term)) orderMatters = true;
    }
  }
  assert.ok(orderMatters, 'no sum here depends on its order: this test could not see a changed one');
});
