// A known file's identity: its exact size and SHA-256 (of the uncompressed bytes, so a gzipped
// copy checks against the same numbers). The size is compared first: it is free and its message
// is the clearer one for a truncated file. Hashing MNIST's 55 MB took 30–70 ms here, paid once per
// process because loaded data sets are cached.
import { createHash } from 'node:crypto';

export interface ExpectedFile {
  bytes: number;
  sha256: string;
}

/** Throws unless `content` (read from `path`) is exactly the file `what` describes. */
export function checkFileIdentity(path: string, content: Uint8Array, expected: ExpectedFile, what: string): void {
  if (content.length !== expected.bytes) {
    throw new Error(`${path}: ${content.length} bytes uncompressed, expected ${expected.bytes} (${what}): the file is truncated, damaged or another file`);
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== expected.sha256) {
    throw new Error(`${path}: SHA-256 ${sha256}, expected ${expected.sha256} (${what}): the file is damaged or another file of the same size`);
  }
}
