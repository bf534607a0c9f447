// One e2e session: code-server (cached install) with the packaged extension in a throw-away
// profile, a throw-away copy of the fixture workspace, and Debian's Chromium driving the
// workbench. Everything it starts is ended by close(), and by an exit hook if the test
// process dies first.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureCodeServer } from '../../../scripts/install-code-server.mjs';
import { freePort, installExtension, killProcessGroupNow, startCodeServer, writeUserSettings, type RunningCodeServer } from '../../../scripts/code-server.mjs';
import { packageVsix } from '../../../scripts/package-vsix.mjs';
import { pollUntil } from './poll';
import { trainerPids } from './processes';

export const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS_DIR = join(REPO_DIR, 'test-artifacts', 'e2e');
const FIXTURE_WORKSPACE = join(REPO_DIR, 'test', 'e2e', 'fixtures', 'workspace');
const CHROMIUM = '/usr/bin/chromium';

export interface E2ESession {
  name: string;
  page: Page;
  server: RunningCodeServer;
  /** The throw-away copy of the fixture workspace that code-server opened. */
  workspaceDir: string;
  /** Where the packaged extension is installed (its trainer runs from here). */
  extensionsDir: string;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Prefix of artifact file names and temp folders. */
  name: string;
  /** Added to code-server's environment (its extension host inherits it). */
  env?: Record<string, string>;
  /** Files copied into the workspace before the window opens: workspace-relative name → source path. */
  files?: Record<string, string>;
  /** 'empty': a workspace folder with nothing in it (a researcher's first minutes), instead of the fixture's copy. */
  workspace?: 'fixture' | 'empty';
}

/** A first install takes minutes (notes/real-vscode.md): a hook of its own, outside the tests' timeouts. */
export const INSTALL_TIMEOUT_MS = 15 * 60_000;

/** Installs code-server into its cache unless it is there; says so when it had to. */
export function installCodeServerOnce(): void {
  const install = ensureCodeServer();
  if (install.installed) console.log(`installed code-server in ${install.seconds.toFixed(0)} s (log: ${install.logFile})`);
}

/** A throw-away copy of the e2e fixture workspace at `<tempRoot>/workspace`. */
export function copyFixtureWorkspace(tempRoot: string): string {
  const workspaceDir = join(tempRoot, 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspaceDir, { recursive: true });
  return workspaceDir;
}

function emptyWorkspace(tempRoot: string): string {
  const workspaceDir = join(tempRoot, 'workspace');
  mkdirSync(workspaceDir);
  return workspaceDir;
}

/** Removes what an earlier run of the session `name` left in the artifacts folder, so none of it is mistaken for this run's. */
function clearArtifacts(name: string): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const entry of readdirSync(ARTIFACTS_DIR)) {
    if (entry.startsWith(`${name}-`)) rmSync(join(ARTIFACTS_DIR, entry), { recursive: true, force: true });
  }
}

let vsixPath: string | undefined;

export async function openSession(options: SessionOptions): Promise<E2ESession> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or run .ci/run)`);
  clearArtifacts(options.name);
  const { entry } = ensureCodeServer();
  // Packaged once per test process, from the bundles `npm run build` made.
  vsixPath ??= packageVsix({ repoDir: REPO_DIR });
  const tempRoot = mkdtempSync(join(tmpdir(), `lth-e2e-${options.name}-`));
  const workspaceDir = options.workspace === 'empty' ? emptyWorkspace(tempRoot) : copyFixtureWorkspace(tempRoot);
  for (const [name, source] of Object.entries(options.files ?? {})) cpSync(source, join(workspaceDir, name));
  const userDataDir = join(tempRoot, 'user-data');
  const extensionsDir = join(tempRoot, 'extensions');
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const removeTempRoot = () => {
    if (!process.env.LTH_E2E_KEEP) rmSync(tempRoot, { recursive: true, force: true });
  };
  const killOnExit = () => {
    if (server) killProcessGroupNow(server.pid);
    killAll(trainerPids(extensionsDir));
    removeTempRoot();
  };
  process.on('exit', killOnExit);
  exitOnSignals();
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    // Trainers run in process groups of their own: they must end with their extension host.
    const orphans = await pollUntil(async () => trainerPids(extensionsDir), (pids) => pids.length === 0, {
      expected: 'no trainer process once code-server has stopped',
      timeoutMs: 5_000,
    }).then(() => [], () => trainerPids(extensionsDir));
    killAll(orphans);
    process.off('exit', killOnExit);
    // The profile's logs (extension host, output channels) help explain a failure.
    const logsDir = join(userDataDir, 'logs');
    if (existsSync(logsDir)) cpSync(logsDir, join(ARTIFACTS_DIR, `${options.name}-vscode-logs`), { recursive: true });
    removeTempRoot();
    if (orphans.length > 0) throw new Error(`Trainer processes ${orphans.join(', ')} outlived code-server by 5 s (killed now): a trainer must exit when its extension host goes away`);
  };

  try {
    writeUserSettings(userDataDir);
    installExtension({ entry, vsixPath, extensionsDir, userDataDir });
    const logFile = join(ARTIFACTS_DIR, `${options.name}-code-server.log`);
    server = await startCodeServer({ entry, port: await freePort(), folder: workspaceDir, extensionsDir, userDataDir, logFile, env: options.env ?? {} });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await waitForWorkbench(page, options.workspace);
    return { name: options.name, page, server, workspaceDir, extensionsDir, close };
  } catch (error) {
    await close().catch(() => undefined); // the first error is the one to report
    throw error;
  }
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

let signalsHandled = false;

/**
 * Ctrl-C or a kill of the test process would skip the 'exit' hooks, and code-server, in a
 * process group of its own, would outlive us: exit properly instead, so the hooks run.
 */
function exitOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

/** The workbench is usable once the explorer lists the workspace's files (an empty folder: once it shows the folder's section). */
async function waitForWorkbench(page: Page, workspace: SessionOptions['workspace']): Promise<void> {
  if (workspace === 'empty') {
    await page.locator('.explorer-folders-view').waitFor({ state: 'attached', timeout: 60_000 });
    return;
  }
  await pollUntil(
    () => page.locator('.explorer-folders-view .monaco-list-row').count(),
    (rows) => rows > 0,
    { expected: 'the VS Code workbench to show the workspace files in the explorer', timeoutMs: 60_000 },
  );
}
