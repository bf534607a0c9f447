import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { requireWasmKernel } from '../../../src/core/families/teacher-student/kernels/kernelSelection';
import type { KeptBufferSpec } from '../../../src/core/families/teacher-student/kernels/kernelBuffers';
import { typescriptKernel } from '../../../src/core/families/teacher-student/kernels/typescriptKernel';
import { GaussianInputSource } from '../../../src/core/families/teacher-student/model/gaussianInputs';
import { keptTestBlocks, keptTestSet } from '../../../src/core/families/teacher-student/model/sharedTestSet';
import { ensureWasmBuilt } from './support';

before(ensureWasmBuilt);

/** The spec with its fills counted. */
function counted(spec: KeptBufferSpec): KeptBufferSpec & { fills: number } {
  const countedSpec = { ...spec, fills: 0, fill: (values: Float64Array) => (countedSpec.fills++, spec.fill(values)) };
  return countedSpec;
}

for (const kernel of [typescriptKernel, () => requireWasmKernel()]) {
  const kernelOf = () => (typeof kernel === 'function' ? kernel() : kernel);
  const name = typeof kernel === 'function' ? 'wasm' : 'typescript';

  test(`${name} kernel: the kept test set holds exactly what a fresh GaussianInputSource draws, drawn once while it is kept`, () => {
    const inputDim = 12;
    const testSamples = 1000;
    const fresh = new Float64Array(inputDim * testSamples);
    new GaussianInputSource(77, 'test-inputs', Int32Array.from({ length: inputDim }, (_, feature) => feature)).drawNext(fresh, testSamples, testSamples);
    const spec = counted(keptTestSet(77, testSamples, inputDim, kernelOf())!);
    const first = kernelOf().allocate({ before: { float64: 10 }, testInputs: spec });
    assert.deepEqual(first.testInputs, fresh);
    assert.equal(spec.fills, 1);
    first.testInputs[0] = 123; // a marker: a kept buffer comes back untouched

    // The next trial asks for other buffers around it (more of them, larger): the matrix is kept.
    const second = kernelOf().allocate({ other: Float64Array.of(1, 2, 3), testInputs: spec, large: { float64: 100_000 } });
    assert.equal(spec.fills, 1, 'not drawn again');
    assert.equal(second.testInputs[0], 123);
    assert.deepEqual(second.other, Float64Array.of(1, 2, 3));

    // Another seed is another test set; asking for the first again draws it again (only the last call's are kept).
    const otherSeed = counted(keptTestSet(78, testSamples, inputDim, kernelOf())!);
    const third = kernelOf().allocate({ testInputs: otherSeed });
    assert.equal(otherSeed.fills, 1);
    assert.notDeepEqual(third.testInputs.subarray(0, 10), fresh.subarray(0, 10));
    assert.deepEqual(kernelOf().allocate({ testInputs: spec }).testInputs, fresh);
    assert.equal(spec.fills, 2);
  });
}

test('a longer test set starts with the same samples; a set past 32 MiB is not kept', () => {
  const short = new Float64Array(4 * 100);
  keptTestSet(5, 100, 4, typescriptKernel)!.fill(short);
  const long = new Float64Array(4 * 150);
  keptTestSet(5, 150, 4, typescriptKernel)!.fill(long);
  assert.deepEqual(long.subarray(150, 250), short.subarray(100, 200), 'feature 1: the first 100 samples are the same samples');
  assert.equal(keptTestSet(5, 10_000, 1000, typescriptKernel), undefined);
});

test('kept test blocks read consecutive samples in place, and asking past the end is an error', () => {
  const matrix = new Float64Array(2 * 10);
  const blocks = keptTestBlocks(matrix, 10);
  assert.deepEqual(blocks.next(4), { inputs: matrix, stride: 10, start: 0, count: 4 });
  assert.deepEqual(blocks.next(6), { inputs: matrix, stride: 10, start: 4, count: 6 });
  assert.throws(() => blocks.next(1), /past the 10 test samples/);
});
