// Packages the built extension (dist/ from `npm run build`) as a VSIX with @vscode/vsce, which
// works offline. The bundles already contain every dependency, hence --no-dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The README the VSIX shows (what it does, how to use it), not the repository's developer README. */
export const USER_README = 'docs/extension/README.md';

/** Writes `<repoDir>/dist/lth-lab.vsix` (or `outFile`) and returns its path. */
export function packageVsix({ repoDir, outFile = join(repoDir, 'dist', 'lth-lab.vsix') }) {
  if (!existsSync(join(repoDir, 'dist', 'extension.js'))) {
    throw new Error(`No ${join(repoDir, 'dist', 'extension.js')}: run \`npm run build\` before packaging the extension`);
  }
  mkdirSync(dirname(outFile), { recursive: true });
  const vsce = join(repoDir, 'node_modules', '@vscode', 'vsce', 'vsce');
  // stdin closed: vsce asks yes/no questions on a TTY; here a question must fail, not hang.
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', USER_README, '--out', outFile], {
    cwd: repoDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0 || !existsSync(outFile)) {
    throw new Error(`vsce package failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.trim()}`);
  }
  return outFile;
}
