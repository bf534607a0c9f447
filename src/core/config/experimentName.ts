// An experiment's name is the one path segment its run folders go under
// (<runs>/<name>/<timestamp>/) and is printed in terminals, logs and the panel. So it must be a
// folder name on every system the runs may be copied to, and printable. The trainer, the CLI
// and the extension all take it from here, so they always agree on where the runs of a file are.
import { formatValue } from './describeSchema';
import type { PathIssue } from './experimentProblem';

/** Characters of a name, at most (and at most MAX_NAME_BYTES in UTF-8, which file systems count). */
export const MAX_NAME_LENGTH = 100;
const MAX_NAME_BYTES = 255;
/** The name when the file's own name leaves nothing usable. */
const FALLBACK_NAME = 'experiment';

/**
 * Not printable or not shown as themselves: controls (C0, DEL, C1), format characters (bidi
 * overrides, zero-width), line and paragraph separators, lone surrogates.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/** Path separators, NUL, and what Windows forbids in a file name ("C:x" would even name a drive). */
const NOT_IN_FOLDER_NAMES = /[/\\<>:"|?*]/;

/** What makes `name` unfit to be the folder of an experiment's runs (with what was expected), or undefined when it is fit. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'is empty; expected a name of at least one character';
  const characters = [...name];
  if (characters.length > MAX_NAME_LENGTH) return `is ${characters.length} characters long; expected at most ${MAX_NAME_LENGTH}`;
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_NAME_BYTES) return `takes ${bytes} bytes in UTF-8; expected at most ${MAX_NAME_BYTES} (a folder name's limit)`;
  const unprintable = characters.find((character) => UNPRINTABLE.test(character));
  if (unprintable !== undefined) return `holds the control or invisible character ${codePoint(unprintable)}; expected printable characters only`;
  const forbidden = NOT_IN_FOLDER_NAMES.exec(name)?.[0];
  if (forbidden !== undefined) return `holds "${forbidden}", which cannot be in a folder name; expected none of / \\ < > : " | ? *`;
  if (name === '.' || name === '..') return 'is not a folder name; expected a name other than "." or ".."';
  if (/^\s|\s$/.test(name)) return 'starts or ends with a space; expected none there (Windows drops trailing spaces from folder names)';
  if (name.endsWith('.')) return 'ends with a dot; expected none there (Windows drops trailing dots from folder names)';
  return undefined;
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The problem with a file's "name" field, located at it (nothing when the file has none). */
export function experimentNameIssues(file: object): PathIssue[] {
  const name = ownName(file);
  const problem = name === undefined ? undefined : nameProblem(name);
  return problem === undefined ? [] : [{ path: ['name'], severity: 'error', message: `${formatValue(name)} cannot be a folder name: it ${problem}` }];
}

/**
 * "runs/phase-transition.lth.json" -> "phase-transition" (also strips a plain .json), made fit
 * for nameProblem: unfit characters become "_", spaces and dots at the ends go, a long name is
 * cut; nothing left gives "experiment".
 */
export function experimentNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.lth\.json$/i, '').replace(/\.json$/i, '');
  const replaced = [...stem].map((character) => (UNPRINTABLE.test(character) || NOT_IN_FOLDER_NAMES.test(character) ? '_' : character));
  let name = trimEnds(replaced.slice(0, MAX_NAME_LENGTH).join(''));
  while (new TextEncoder().encode(name).length > MAX_NAME_BYTES) name = trimEnds([...name].slice(0, -1).join(''));
  return name === '' ? FALLBACK_NAME : name;
}

function trimEnds(name: string): string {
  return name.trim().replace(/[.\s]+$/, '');
}

/**
 * The name of an experiment file's runs: its own "name" when that is a string (as written, even
 * when unfit: the run refuses it, and run folder lookups refuse it too), else the file's name.
 * Only an own property counts: `{"__proto__": {"name": ...}}` names nothing.
 */
export function experimentNameOf(document: unknown, fileName: string): string {
  return ownName(document) ?? experimentNameFromFileName(fileName);
}

function ownName(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document) || !Object.hasOwn(document, 'name')) return undefined;
  const name = (document as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
