// Text metadata in a PNG (tEXt chunks: Title, Description, Source, ...), so that an exported chart
// says what it shows even when separated from its caption. Pure bytes in, bytes out.

const SIGNATURE_LENGTH = 8;

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG chunks use) of `bytes`. */
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, index) => {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    return value >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Latin-1, as tEXt requires: characters beyond it become '?'. */
function latin1(text: string): number[] {
  return [...text].map((char) => (char.charCodeAt(0) <= 0xff ? char.charCodeAt(0) : 0x3f));
}

function textChunk(keyword: string, text: string): Uint8Array {
  const data = [...latin1(keyword).slice(0, 79), 0, ...latin1(text)];
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(latin1('tEXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** `png` with a tEXt chunk per entry, placed right after the header chunk (IHDR). */
export function withPngText(png: Uint8Array, entries: Readonly<Record<string, string>>): Uint8Array {
  const headerLength = new DataView(png.buffer, png.byteOffset, png.byteLength).getUint32(SIGNATURE_LENGTH);
  const afterHeader = SIGNATURE_LENGTH + 12 + headerLength;
  const chunks = Object.entries(entries).map(([keyword, text]) => textChunk(keyword, text));
  const result = new Uint8Array(png.length + chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  result.set(png.subarray(0, afterHeader), 0);
  let offset = afterHeader;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  result.set(png.subarray(afterHeader), offset);
  return result;
}

/** The tEXt entries of a PNG, by keyword (for tests and tools). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const entries: Record<string, string> = {};
  for (let offset = SIGNATURE_LENGTH; offset + 12 <= png.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (type === 'tEXt') {
      const data = png.subarray(offset + 8, offset + 8 + length);
      const separator = data.indexOf(0);
      entries[String.fromCharCode(...data.subarray(0, separator))] = String.fromCharCode(...data.subarray(separator + 1));
    }
    offset += 12 + length;
  }
  return entries;
}
