// Whole-file replacement that a crash cannot leave half-written: readers see the old file or
// the new one, never a mix (write a sibling temp file, flush it, rename over the target).
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileSystemError } from './fileSystemError';

/**
 * Replaces `path` with `text`. On failure (a full disk, no permission) the target is left as it
 * was, the temp file is removed, and a FileSystemError names the target and the reason.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = temporaryPathOf(path);
  try {
    writeSynced(temporary, text, 'w');
    renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    throw new FileSystemError('write', path, error);
  }
}

/**
 * The temp file beside `path` that this process writes before renaming it over `path`:
 * hidden, and named after its writer, so that one left by a kill -9 can be told apart and swept
 * (see leftoverTemporaryFiles.ts).
 */
export function temporaryPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** The target and the writer's pid of a temp file name made by temporaryPathOf, or undefined for any other name. */
export function parseTemporaryName(name: string): { target: string; pid: number } | undefined {
  const match = /^\.(.+)\.(\d+)\.tmp$/.exec(name);
  return match ? { target: match[1], pid: Number(match[2]) } : undefined;
}

/** Writes (flags 'w') or appends ('a') all of `text` and flushes it to the disk before returning. */
export function writeSynced(path: string, text: string, flags: 'a' | 'w'): void {
  const descriptor = openSync(path, flags);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(descriptor, bytes, written);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Best effort: a temp file that cannot be removed either must not hide the first error. */
function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // gone already, or the folder refuses: the first error says why
  }
}
