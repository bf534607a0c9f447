// Installs code-server (a full VS Code: browser workbench + Node extension host) into a cache
// outside the repository, for the e2e tests and `npm start` on machines without desktop VS Code.
// Steps and their reasons: ../shared/notes/real-vscode.md. Run directly, it prints one line;
// imported, `ensureCodeServer()` returns where it is. A marker file makes a second run instant.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// 4.100.3 ships VS Code 1.100 and is the newest release that accepts Node 20.
export const CODE_SERVER_VERSION = '4.100.3';

const MARKER = '.lth-install-complete';

// Debian packages the install needs: a compiler for the native modules, kerberos headers,
// ripgrep standing in for the binary @vscode/ripgrep would download, and the test browser.
const DEBIAN_PREREQUISITES = [
  { pkg: 'build-essential', present: () => onPath('make') && onPath('g++') },
  { pkg: 'python3', present: () => onPath('python3') },
  { pkg: 'libkrb5-dev', present: () => onPath('krb5-config') || existsSync('/usr/include/krb5.h') },
  { pkg: 'ripgrep', present: () => existsSync('/usr/bin/rg') },
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
];

// Native modules of VS Code's server that --ignore-scripts leaves unbuilt.
const VSCODE_NATIVE_MODULES = ['kerberos', '@parcel/watcher', 'node-pty', '@vscode/spdlog', '@vscode/deviceid', 'native-watchdog'];

/** The cache folder for this version: `${XDG_CACHE_HOME:-~/.cache}/lth-lab/code-server-<version>`. */
export function codeServerCacheDir() {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'lth-lab', `code-server-${CODE_SERVER_VERSION}`);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure code-server is installed; returns its folder, the Node entry to start it with,
 * whether this call installed it, and the log file.
 */
export function ensureCodeServer() {
  const cacheDir = codeServerCacheDir();
  const packageDir = join(cacheDir, 'node_modules', 'code-server');
  const entry = join(packageDir, 'out', 'node', 'entry.js');
  const logFile = `${cacheDir}.install.log`;
  const cached = { packageDir, entry, installed: false, logFile, seconds: 0 };
  const complete = () => existsSync(join(cacheDir, MARKER)) && existsSync(entry);
  if (complete()) return cached;
  const started = Date.now();
  mkdirSync(join(cacheDir, '..'), { recursive: true });
  const lock = acquireInstallLock(`${cacheDir}.lock`);
  try {
    // Another process may have finished the install while we waited for the lock.
    if (complete()) return cached;
    install({ cacheDir, packageDir, entry, logFile });
  } finally {
    lock.release();
  }
  return { packageDir, entry, installed: true, logFile, seconds: (Date.now() - started) / 1000 };
}

function install({ cacheDir, packageDir, entry, logFile }) {
  writeFileSync(logFile, `code-server ${CODE_SERVER_VERSION} install, ${new Date().toISOString()}\n`);
  const run = (command, args, cwd, extraEnv = {}) => {
    const shown = `${command} ${args.join(' ')}`;
    appendFileSync(logFile, `\n$ (cd ${cwd} && ${shown})\n`);
    const result = spawnSync(command, args, {
      cwd,
      env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_fund: 'false', npm_config_audit: 'false', ...extraEnv },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    appendFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (result.status !== 0) {
      const reason = result.error ? result.error.message : `exit ${result.status}`;
      throw new Error(`code-server install failed at \`${shown}\` in ${cwd} (${reason}); see ${logFile}`);
    }
  };

  installDebianPrerequisites(run);

  // A folder without the marker is a failed or interrupted install: start over.
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), '{ "private": true }\n');
  // Install scripts would refuse root, need the network, or build in the wrong order: the
  // builds that matter are done explicitly below.
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--omit=dev', '--no-package-lock'], cacheDir);
  run('npm', ['rebuild', 'argon2'], cacheDir);
  const vscodeDir = join(packageDir, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  run('npm', ['rebuild', ...VSCODE_NATIVE_MODULES], vscodeDir, { npm_config_yes: 'true' });
  const ripgrepBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(ripgrepBin, { recursive: true });
  rmSync(join(ripgrepBin, 'rg'), { force: true });
  symlinkSync('/usr/bin/rg', join(ripgrepBin, 'rg'));
  // The server loads some modules through the Electron-style `node_modules.asar` path.
  rmSync(join(vscodeDir, 'node_modules.asar'), { force: true });
  symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], join(vscodeDir, 'extensions'));
  // --config and XDG_DATA_HOME: otherwise code-server writes a default config (with a password)
  // under ~/.config and logs under ~/.local/share.
  run(process.execPath, [entry, '--config', join(cacheDir, 'config.yaml'), '--version'], cacheDir, { XDG_DATA_HOME: join(cacheDir, 'data') });

  writeFileSync(join(cacheDir, MARKER), `${new Date().toISOString()}\n`);
}

/**
 * One installer at a time (`npm start` and the e2e tests may race on a fresh machine): the lock
 * is a folder (mkdir is atomic) holding the owner's pid; a lock whose owner is gone is taken over.
 */
function acquireInstallLock(lockDir) {
  const ownerFile = join(lockDir, 'pid');
  for (let announced = false; ; ) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, String(process.pid));
      return { release: () => rmSync(lockDir, { recursive: true, force: true }) };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = Number(existsSync(ownerFile) ? readFileSync(ownerFile, 'utf8') : NaN);
    if (Number.isInteger(owner) && !processAlive(owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) console.error(`Waiting for another code-server install (${lockDir}) to finish...`);
    announced = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000); // a synchronous sleep
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function installDebianPrerequisites(run) {
  const missing = DEBIAN_PREREQUISITES.filter((prerequisite) => !prerequisite.present()).map(({ pkg }) => pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    throw new Error(
      `code-server needs these Debian packages, which are missing: ${missing.join(' ')}. ` +
        `Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  run('apt-get', ['update'], '/');
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], '/', { DEBIAN_FRONTEND: 'noninteractive' });
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  try {
    const result = ensureCodeServer();
    console.log(
      result.installed
        ? `code-server ${CODE_SERVER_VERSION} installed in ${result.seconds.toFixed(0)} s at ${result.packageDir} (log: ${result.logFile})`
        : `code-server ${CODE_SERVER_VERSION} ready (cached) at ${result.packageDir}`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
