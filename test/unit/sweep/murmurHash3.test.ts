// MurmurHash3_x86_32 against the published reference vectors of the algorithm.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { murmurHash3, murmurHash3Text } from '../../../src/core/sweep/murmurHash3';

describe('murmurHash3', () => {
  it('matches the reference vectors (every tail length, several seeds)', () => {
    const vectors: [string, number, number][] = [
      ['', 0, 0],
      ['', 1, 0x514e28b7],
      ['', 0xffffffff, 0x81f16f39],
      ['\0\0\0\0', 0, 0x2362f9de],
      ['a', 0x9747b28c, 0x7fa09ea6],
      ['aa', 0x9747b28c, 0x5d211726],
      ['aaa', 0x9747b28c, 0x283e0130],
      ['aaaa', 0x9747b28c, 0x5a97808a],
      ['abcd', 0x9747b28c, 0xf0478627],
      ['Hello, world!', 0x9747b28c, 0x24884cba],
      ['Hello, world!', 0, 0xc0363e43],
      ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ];
    for (const [text, seed, expected] of vectors) assert.equal(murmurHash3Text(text, seed), expected, `${JSON.stringify(text)} seed ${seed}`);
  });

  it('hashes the UTF-8 bytes of text', () => {
    const text = 'Δ=0.5,é';
    assert.equal(murmurHash3Text(text, 3), murmurHash3(new Uint8Array(Buffer.from(text, 'utf8')), 3));
  });
});
