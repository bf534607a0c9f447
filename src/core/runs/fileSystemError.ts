// File-system failures as a person reads them: what could not be done to which path, and why in
// words ("no space left on device (ENOSPC)"), instead of Node's "ENOSPC: ..., write" with a stack.
import { errorMessage } from '../../shared/errorMessage';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large (a file size limit)',
  ENAMETOOLONG: 'name too long',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The code of a Node file-system error ("ENOSPC"), or undefined for anything else. */
export function fileSystemErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** "no space left on device (ENOSPC)"; for an error that is not a file-system error, its message. */
export function fileSystemReason(error: unknown): string {
  const code = fileSystemErrorCode(error);
  if (code === undefined) return errorMessage(error);
  return `${REASONS[code] ?? errorMessage(error).replace(/^[A-Z]+: /, '')} (${code})`;
}

/** A file-system failure that says what was being done to which path, and why. */
export class FileSystemError extends Error {
  override name = 'FileSystemError';
  readonly code: string | undefined;

  /** `action` reads as "cannot <action> <path>": "write", "create the run folder", ... */
  constructor(action: string, path: string, cause: unknown) {
    super(`cannot ${action} ${path}: ${fileSystemReason(cause)}`);
    this.code = fileSystemErrorCode(cause);
  }
}
