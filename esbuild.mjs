// One script, several bundles: the extension host, the trainer child, its worker threads,
// the `lth` CLI (all Node, CommonJS) and the panel webview (browser). `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

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
  { ...nodeBundle, entryPoints: { trainer: 'src/trainer/trainerMain.ts', trialWorker: 'src/core/execution/trialWorker.ts' }, outdir: 'dist' },
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

if (watch) {
  for (const options of bundles) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755); // package.json's `bin`: run as `npx lth`
}
