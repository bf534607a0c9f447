// Starting and stopping a code-server with a throw-away profile, shared by `npm start` and the
// e2e tests. code-server's extension host survives the death of its server (it is re-parented),
// so the server runs in a process group of its own and the whole group is ended together.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** User settings that keep a fresh profile quiet: no trust dialog, welcome page, tips or updates. */
const QUIET_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

/** Resolves to a TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(preferred = 0) {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error) => {
      if (preferred !== 0) freePort(0).then(resolvePort, reject);
      else reject(error);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// Without --config, code-server reads (and first writes, with a password) ~/.config/code-server.
function profileConfig(userDataDir) {
  return join(userDataDir, 'code-server.yaml');
}

/** The environment of every code-server process of a profile: its own logs go under the profile too (default ~/.local/share/code-server). */
function profileEnvironment(userDataDir, extra = {}) {
  return { ...process.env, XDG_DATA_HOME: join(userDataDir, 'data'), ...extra };
}

/** Writes the quiet settings as the profile's user settings. */
export function writeUserSettings(userDataDir) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(QUIET_USER_SETTINGS, null, 2)}\n`);
}

/**
 * Installs a VSIX into an extensions folder. Copying an unpacked extension into the folder
 * is not enough: code-server marks such a folder as removed.
 */
export function installExtension({ entry, vsixPath, extensionsDir, userDataDir }) {
  const result = spawnSync(
    process.execPath,
    [entry, '--config', profileConfig(userDataDir), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsixPath, '--force'],
    { encoding: 'utf8', env: profileEnvironment(userDataDir) },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`Installing ${vsixPath} into code-server failed (exit ${result.status}):\n${output.trim()}`);
  }
}

/**
 * Starts code-server on 127.0.0.1:port opening `folder`, in its own process group, its output
 * in `logFile`; resolves once it answers /healthz. `env` is added to the server's environment,
 * which its extension host inherits.
 */
export async function startCodeServer({ entry, port, folder, extensionsDir, userDataDir, logFile, env = {}, timeoutMs = 60_000 }) {
  const logFd = openSync(logFile, 'a');
  const args = [
    entry,
    '--config', profileConfig(userDataDir),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    folder,
  ];
  // detached: the child calls setsid(), so its pid is also the id of its new process group.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', logFd, logFd], env: profileEnvironment(userDataDir, env) });
  closeSync(logFd);
  let exitCode = null;
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit((exitCode = code ?? signal))));
  const server = {
    pid: child.pid,
    url: `http://127.0.0.1:${port}/`,
    logFile,
    exited,
    stop: () => stopProcessGroup(child.pid),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== null) throw new Error(`code-server exited (${exitCode}) before it was ready; see ${logFile}`);
    if (await answers(`${server.url}healthz`)) return server;
    await new Promise((wake) => setTimeout(wake, 250));
  }
  await server.stop();
  throw new Error(`code-server did not answer on ${server.url} within ${timeoutMs / 1000} s; see ${logFile}`);
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

function groupAlive(groupId) {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends a process group: SIGTERM, then SIGKILL for whatever is left after `graceMs`. */
async function stopProcessGroup(groupId, graceMs = 3000) {
  if (!groupAlive(groupId)) return;
  try {
    process.kill(-groupId, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(groupId)) await new Promise((wake) => setTimeout(wake, 100));
  if (groupAlive(groupId)) killProcessGroupNow(groupId);
}

/** Synchronous last resort (for `process.on('exit')`): SIGKILL the whole group. */
export function killProcessGroupNow(groupId) {
  try {
    process.kill(-groupId, 'SIGKILL');
  } catch {
    // already gone
  }
}
