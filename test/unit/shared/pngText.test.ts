import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import { readPngText, withPngText } from '../../../src/shared/pngText';

/** A 2 x 1 RGB PNG built here from its definition (signature, IHDR, IDAT, IEND, CRC-32 by zlib). */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0, 0, 0, 255]));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** The reference CRC-32, bit by bit (independent of the table the module uses). */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

test('text entries go in after IHDR as valid tEXt chunks, and read back', () => {
  const png = tinyPng();
  const tagged = Buffer.from(withPngText(png, { Title: 'Generalization error vs N', Description: 'Experiment phase-transition · run 2025-01-01T00-00-00Z' }));
  assert.deepEqual(readPngText(tagged), { Title: 'Generalization error vs N', Description: 'Experiment phase-transition · run 2025-01-01T00-00-00Z' });
  // Every chunk's CRC is right, the order is IHDR, tEXt, tEXt, IDAT, IEND, and the pixels are untouched.
  const types: string[] = [];
  for (let offset = 8; offset < tagged.length; ) {
    const length = tagged.readUInt32BE(offset);
    const type = tagged.toString('latin1', offset + 4, offset + 8);
    types.push(type);
    assert.equal(tagged.readUInt32BE(offset + 8 + length), crc32(tagged.subarray(offset + 4, offset + 8 + length)), `CRC of ${type}`);
    if (type === 'IDAT') assert.deepEqual([...inflateSync(tagged.subarray(offset + 8, offset + 8 + length))], [0, 255, 0, 0, 0, 0, 255]);
    offset += 12 + length;
  }
  assert.deepEqual(types, ['IHDR', 'tEXt', 'tEXt', 'IDAT', 'IEND']);
});

test('characters beyond Latin-1 become "?" (tEXt is Latin-1)', () => {
  assert.equal(readPngText(withPngText(tinyPng(), { Title: 'N* ≈ 7·r' })).Title, 'N* ? 7·r');
});
