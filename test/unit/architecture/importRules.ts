// The import boundaries of the source tree (issue 7, item 5), checked from the import statements
// alone so that a violation is caught before any bundle or runtime notices it. Not a test file
// itself: importRules.test.ts runs it on the repository and on a fixture tree with planted faults.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Violation {
  /** Importing file, relative to the root, with forward slashes. */
  file: string;
  /** A package name, or the project file (relative to the root) a relative import resolves to. */
  imported: string;
  rule: string;
}

export function formatViolation({ file, imported, rule }: Violation): string {
  return `${file}: imports ${imported} (rule: ${rule})`;
}

const RULES = {
  coreLayers: 'src/core imports nothing from src/cli, src/trainer, src/extension or webview-ui',
  sharedLeaf: 'src/shared is the leaf contract: it imports only src/shared',
  sharedPackages: 'src/shared may import only the package @sinclair/typebox',
  webviewLayers: 'webview-ui/src imports only webview-ui/src, src/shared and src/core',
  vscode: 'only src/extension may import vscode',
  browser: 'webview-ui/src reaches this file, so it runs in the browser: no Node built-ins',
} as const;

type Zone = 'core' | 'shared' | 'cli' | 'trainer' | 'extension' | 'webview' | 'webview-other' | 'other';

function zoneOf(path: string): Zone {
  for (const [prefix, zone] of [
    ['src/core/', 'core'], ['src/shared/', 'shared'], ['src/cli/', 'cli'], ['src/trainer/', 'trainer'],
    ['src/extension/', 'extension'], ['webview-ui/src/', 'webview'], ['webview-ui/', 'webview-other'],
  ] as const) {
    if (path.startsWith(prefix)) return zone;
  }
  return 'other';
}

/** What one import specifier refers to: a project file (resolved if it exists) or a package. */
type Target = { kind: 'file'; path: string; exists: boolean } | { kind: 'package'; name: string };

/** `@scope/name/sub` -> `@scope/name`, `chart.js/auto` -> `chart.js`, `node:fs` stays `node:fs`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isNodeBuiltin(name: string): boolean {
  return name.startsWith('node:') || builtinModules.includes(name);
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Resolves like the bundler does for this project (no path aliases): `x`, `x.ts`, `x/index.ts`. */
function resolveTarget(root: string, fromFile: string, specifier: string): Target {
  if (!specifier.startsWith('.')) return { kind: 'package', name: packageName(specifier) };
  const base = resolve(root, dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  const found = candidates.find(isFile);
  // A missing file (e.g. the gitignored generated WASM module before `npm run build:wasm`) still
  // has a place in the tree, so its zone can be judged; it just cannot be followed.
  return { kind: 'file', path: toPosix(relative(root, found ?? base)), exists: found !== undefined };
}

/** Every import of a file: static, `import type`, `export ... from`, `import()` and `require()`. */
function importSpecifiers(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return [...new Set(importedFiles.map((reference) => reference.fileName))];
}

function sourceFiles(root: string, folder: string): string[] {
  const absolute = join(root, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(root, path);
    return /\.tsx?$/.test(name) ? [toPosix(path)] : [];
  });
}

/** The rules about a single import, by the zone of the importing file. */
function directViolations(file: string, target: Target): string[] {
  const from = zoneOf(file);
  if (target.kind === 'package') {
    if (target.name === 'vscode') return from === 'extension' ? [] : [RULES.vscode];
    if (from === 'shared' && target.name !== '@sinclair/typebox') return [RULES.sharedPackages];
    if (from === 'webview' && isNodeBuiltin(target.name)) return [RULES.browser];
    return [];
  }
  const to = zoneOf(target.path);
  if (from === 'core' && ['cli', 'trainer', 'extension', 'webview', 'webview-other'].includes(to)) return [RULES.coreLayers];
  if (from === 'shared' && to !== 'shared') return [RULES.sharedLeaf];
  if (from === 'webview' && !['webview', 'shared', 'core'].includes(to)) return [RULES.webviewLayers];
  return [];
}

export interface ImportRuleReport {
  violations: Violation[];
  /** Files whose imports were read (so a test can tell an empty scan from a clean one). */
  filesChecked: string[];
  /** The src/core and src/shared files the webview bundle reaches. */
  webviewReaches: string[];
}

/** Checks the import rules of the tree at `root` (which has `src/` and `webview-ui/src/` below it). */
export function checkImportRules(root: string): ImportRuleReport {
  const files = [...sourceFiles(root, 'src'), ...sourceFiles(root, 'webview-ui/src')].sort();
  const targetsOf = new Map<string, { specifier: string; target: Target }[]>();
  const readTargets = (file: string) => {
    let targets = targetsOf.get(file);
    if (!targets) {
      const text = readFileSync(join(root, file), 'utf8');
      targets = importSpecifiers(text).map((specifier) => ({ specifier, target: resolveTarget(root, file, specifier) }));
      targetsOf.set(file, targets);
    }
    return targets;
  };
  const violations: Violation[] = [];
  const named = (target: Target) => (target.kind === 'package' ? target.name : target.path);

  for (const file of files) {
    for (const { target } of readTargets(file)) {
      for (const rule of directViolations(file, target)) violations.push({ file, imported: named(target), rule });
    }
  }

  // The webview bundle also carries every core/shared file it reaches, through any number of
  // imports: those must be browser-safe too. Follow all imports (type-only ones included: they
  // cannot be told apart here, and a browser-only typecheck reads those files anyway). Edges that
  // leave the allowed zones are reported above and not followed.
  const reached = new Set(files.filter((file) => zoneOf(file) === 'webview'));
  const queue = [...reached];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const { target } of readTargets(file)) {
      if (target.kind === 'package') {
        // Webview files' own built-in imports were reported above.
        if (zoneOf(file) !== 'webview' && isNodeBuiltin(target.name)) violations.push({ file, imported: target.name, rule: RULES.browser });
      } else if (target.exists && ['core', 'shared'].includes(zoneOf(target.path)) && !reached.has(target.path)) {
        reached.add(target.path);
        queue.push(target.path);
      }
    }
  }

  const webviewReaches = [...reached].filter((file) => zoneOf(file) !== 'webview').sort();
  const unique = new Map(violations.map((violation) => [formatViolation(violation), violation]));
  return { violations: [...unique.keys()].sort().map((key) => unique.get(key)!), filesChecked: files, webviewReaches };
}
