// `npm start`: builds the extension, runs the main job (the phase-transition example, through the
// same CLI a user would use) into examples/.lth/runs, and opens examples/ in VS Code with the
// extension loaded, where the run's charts are one click away ("Show results"). Desktop VS Code
// (`code` on PATH) gets the repository as extension development path; otherwise a local
// code-server (installed once into a cache) runs the packaged VSIX until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerCacheDir, ensureCodeServer } from './install-code-server.mjs';
import { freePort, installExtension, killProcessGroupNow, startCodeServer, writeUserSettings } from './code-server.mjs';
import { packageVsix } from './package-vsix.mjs';
import { DEFAULT_PORT, parseStartOptions, START_USAGE } from './start-options.mjs';

const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = existsSync(join(repoDir, 'examples')) ? join(repoDir, 'examples') : repoDir;
function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

// Checked before the build, so a mistyped port costs no time.
let options;
try {
  options = parseStartOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`npm start: ${error.message}\n\n${START_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(START_USAGE);
  process.exit(0);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const MAIN_EXAMPLE = 'phase-transition.lth.json';

function printCliAlternative() {
  console.log(`Headless alternative (no editor): npx lth run examples/${MAIN_EXAMPLE}`);
}

/** The extension's default runs folder is .lth/runs under the workspace folder: put the run there. */
function runMainExample() {
  console.log(`\nRunning the main example, examples/${MAIN_EXAMPLE} ...`);
  const run = spawnSync(process.execPath, [join(repoDir, 'dist', 'cli.js'), 'run', join(examplesDir, MAIN_EXAMPLE), '--out', join(examplesDir, '.lth', 'runs')], {
    cwd: repoDir,
    stdio: 'inherit',
  });
  if (run.status !== 0) fail(`the example run failed (exit ${run.status})`);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: repoDir, stdio: 'inherit' });
if (build.status !== 0) fail(`the build failed (exit ${build.status})`);
let vsixPath;
try {
  vsixPath = packageVsix({ repoDir });
} catch (error) {
  fail(error.message);
}
console.log(`Packaged ${vsixPath}`);
runMainExample();

if (onPath('code')) {
  if (options.port !== undefined) console.log(`Port ${options.port} is for code-server; desktop VS Code (\`code\` on the PATH) needs none.`);
  const opened = spawnSync('code', [`--extensionDevelopmentPath=${repoDir}`, examplesDir], { stdio: 'inherit' });
  if (opened.status !== 0) fail(`\`code\` exited with ${opened.status}`);
  console.log(`Opened ${examplesDir} in VS Code with LTH Lab loaded: open ${MAIN_EXAMPLE} and click "Show results", or "Run LTH experiment" on any *.lth.json.`);
  printCliAlternative();
} else {
  await serveWithCodeServer();
}

async function serveWithCodeServer() {
  console.log(`No \`code\` on PATH: using code-server (installed once into ${codeServerCacheDir()}; the first time takes a few minutes)...`);
  let install;
  try {
    install = ensureCodeServer();
  } catch (error) {
    fail(error.message);
  }
  // A persistent profile, so settings and layout survive restarts; the VSIX is reinstalled each time.
  const profileDir = join(dirname(codeServerCacheDir()), 'start-profile');
  const userDataDir = join(profileDir, 'user-data');
  const extensionsDir = join(profileDir, 'extensions');
  mkdirSync(profileDir, { recursive: true });
  if (!existsSync(join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir);
  try {
    installExtension({ entry: install.entry, vsixPath, extensionsDir, userDataDir });
  } catch (error) {
    fail(error.message);
  }

  const port = options.port ?? (await freePort(DEFAULT_PORT));
  let server;
  try {
    server = await startCodeServer({ entry: install.entry, port, folder: examplesDir, extensionsDir, userDataDir, logFile: join(profileDir, 'code-server.log') });
  } catch (error) {
    fail(error.message);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server...');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', () => killProcessGroupNow(server.pid));

  console.log(`\nLTH Lab is running in code-server: open ${server.url}`);
  console.log(`It shows ${examplesDir}: open ${MAIN_EXAMPLE} and click "Show results", or "Run LTH experiment" on any *.lth.json. Ctrl-C stops it.`);
  printCliAlternative();
  const exitCode = await server.exited;
  if (!stopping) fail(`code-server stopped by itself (${exitCode}); see ${server.logFile}`);
}
