// The IDX format of MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/): two zero bytes, a
// type byte, a dimension count, one big-endian uint32 size per dimension, then the data in
// row-major order. Image data sets use only type 0x08 (unsigned byte): images have 3 dimensions
// (count, rows, columns), labels 1 (count). Everything is checked, so a truncated download or a
// swapped file fails here with its name rather than as NaNs deep in training.

const UNSIGNED_BYTE_TYPE = 0x08;
const TYPE_NAMES: Record<number, string> = { 0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };

export interface IdxImages {
  count: number;
  rows: number;
  columns: number;
  /** count × rows × columns bytes, a view into the parsed bytes (no copy). */
  pixels: Uint8Array;
}

/** Images in an IDX file's bytes (already decompressed); `file` names it in errors. */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const { sizes, data } = parseUnsignedByteIdx(bytes, file, ['image count', 'rows', 'columns']);
  const [count, rows, columns] = sizes as [number, number, number];
  return { count, rows, columns, pixels: data };
}

/** Labels in an IDX file's bytes (already decompressed), each checked to be below `classes`. */
export function parseIdxLabels(bytes: Uint8Array, file: string, classes: number): Uint8Array {
  const { data } = parseUnsignedByteIdx(bytes, file, ['label count']);
  for (let index = 0; index < data.length; index++) {
    if (data[index] >= classes) throw new Error(`${file}: label ${data[index]} at index ${index}, expected a class in 0..${classes - 1}`);
  }
  return data;
}

function parseUnsignedByteIdx(bytes: Uint8Array, file: string, dimensionNames: readonly string[]): { sizes: number[]; data: Uint8Array } {
  const headerBytes = 4 + 4 * dimensionNames.length;
  const expectedHeader = `0x00 0x00 0x${hexByte(UNSIGNED_BYTE_TYPE)} 0x${hexByte(dimensionNames.length)}`;
  if (bytes.length < 4) throw new Error(`${file}: ${bytes.length} bytes, too short for an IDX file (expected it to start with ${expectedHeader})`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const start = Array.from(bytes.subarray(0, 4), (byte) => `0x${hexByte(byte)}`).join(' ');
    throw new Error(`${file}: not an IDX file: it starts with ${start}, expected ${expectedHeader}`);
  }
  const type = bytes[2];
  if (type !== UNSIGNED_BYTE_TYPE) {
    throw new Error(`${file}: IDX data type 0x${hexByte(type)} (${TYPE_NAMES[type] ?? 'unknown'}), expected 0x08 (unsigned byte)`);
  }
  if (bytes[3] !== dimensionNames.length) {
    throw new Error(`${file}: ${bytes[3]} dimension${bytes[3] === 1 ? '' : 's'}, expected ${dimensionNames.length} (${dimensionNames.join(', ')})`);
  }
  if (bytes.length < headerBytes) throw new Error(`${file}: ${bytes.length} bytes, too short for its ${headerBytes}-byte IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizes = dimensionNames.map((name, dimension) => {
    const size = view.getUint32(4 + 4 * dimension, false);
    if (size === 0) throw new Error(`${file}: ${name} is 0 in the IDX header, expected at least 1`);
    return size;
  });
  const dataBytes = sizes.reduce((product, size) => product * size, 1);
  if (bytes.length !== headerBytes + dataBytes) {
    throw new Error(
      `${file}: the IDX header says ${sizes.join(' × ')} (${dimensionNames.join(' × ')}) unsigned bytes, so the file should be ` +
        `${headerBytes} + ${dataBytes} = ${headerBytes + dataBytes} bytes uncompressed; it is ${bytes.length} bytes`,
    );
  }
  return { sizes, data: bytes.subarray(headerBytes) };
}

function hexByte(value: number): string {
  return value.toString(16).padStart(2, '0');
}
