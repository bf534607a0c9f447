// How the pool finds and starts its worker script. In the bundles (dist/cli.js,
// dist/trainer.js) the script is dist/trialWorker.js beside them. From sources (tests,
// `tsx src/cli/main.ts`) it is trialWorker.ts beside this file, and a worker thread cannot
// simply inherit the parent's `--import tsx`: tsx's module hooks do not reach a worker's
// entry point (tsx issue #354, "Unknown file extension .ts"). A TypeScript worker is
// therefore started from a two-line CommonJS bootstrap that registers tsx's require hook in
// the new thread and then requires the .ts file.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export function trialWorkerScript(moduleDir: string = __dirname): string {
  const bundled = join(moduleDir, 'trialWorker.js');
  if (existsSync(bundled)) return bundled;
  const source = join(moduleDir, 'trialWorker.ts');
  if (existsSync(source)) return source;
  throw new Error(`trial worker script not found: expected ${bundled} (bundled) or ${source} (sources)`);
}

/**
 * Starts a worker thread on a .js script directly, or on a .ts script through the tsx bootstrap.
 * A .js worker is a self-contained bundle: it does not inherit the parent's execArgv, whose
 * module hooks (`--import tsx` in the tests and benchmarks) would only slow every worker's start.
 */
export function startWorkerThread(filename: string): Worker {
  if (!filename.endsWith('.ts')) return new Worker(filename, { execArgv: [] });
  return new Worker(typeScriptBootstrap(filename), { eval: true });
}

/** The bootstrap's source; the tsx API path is absolute, so it works from any working directory. */
export function typeScriptBootstrap(filename: string): string {
  const tsxRequireHook = createRequire(__filename).resolve('tsx/cjs/api');
  return `require(${JSON.stringify(tsxRequireHook)}).register();\nrequire(${JSON.stringify(filename)});\n`;
}
