// Experiment files are UTF-8. A file saved as UTF-16 (Windows editors and PowerShell's `>` do
// that) read as UTF-8 is mojibake that fails at 1:1 with a syntax error saying nothing of the
// cause: recognise it by its byte-order mark, or by the NUL bytes that every ASCII character
// brings along in UTF-16, and say so.

export type Utf16Encoding = 'UTF-16LE' | 'UTF-16BE';

/** How many leading bytes the NUL pattern is looked for in. */
const SNIFFED_BYTES = 64;

/** The UTF-16 flavour `bytes` are encoded in, or undefined when they do not look like UTF-16. */
export function utf16Encoding(bytes: Uint8Array): Utf16Encoding | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  // Without a mark: ASCII text in UTF-16 has a NUL in every other byte (after each character
  // in little-endian, before it in big-endian); UTF-8 text has none.
  const length = Math.min(bytes.length, SNIFFED_BYTES) & ~1;
  if (length < 2) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) evenNuls++;
    if (bytes[index + 1] === 0) oddNuls++;
  }
  const pairs = length / 2;
  if (oddNuls === pairs && evenNuls === 0) return 'UTF-16LE';
  if (evenNuls === pairs && oddNuls === 0) return 'UTF-16BE';
  return undefined;
}

/** The message for a file in UTF-16: what it is and what to do. */
export function utf16Message(encoding: Utf16Encoding): string {
  return `the file is encoded as ${encoding}, not UTF-8; expected a UTF-8 experiment file (save it again as UTF-8, e.g. "Save with Encoding" in VS Code)`;
}
