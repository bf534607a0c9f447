// OpenBLAS for the baselines' Python processes. Debian's NumPy and PyTorch call whatever
// libblas.so.3 the BLAS alternatives point to — on a machine without an OpenBLAS package the
// reference BLAS, which no one computes on (a LeNet step ~45 ms instead of ~2) — so a baseline
// process, and only it, gets OpenBLAS (libopenblas0-openmp) first on its LD_LIBRARY_PATH: the
// package installed system-wide if it is, else extracted into bench/.cache/ with `apt-get
// download` + `dpkg -x` (nothing is installed). Each baseline reports which BLAS it actually ran
// on, and the benchmark refuses to call a baseline fair if that was not OpenBLAS.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const CACHE_DIR = join(__dirname, '.cache');
const OPENBLAS_PACKAGE = 'libopenblas0-openmp';
/** Where the package puts its libblas.so.3 when installed. */
const SYSTEM_OPENBLAS_DIRS = ['/usr/lib/x86_64-linux-gnu/openblas-openmp', '/usr/lib/aarch64-linux-gnu/openblas-openmp'];

export type OpenBlasSetup = { ok: true; dir: string; source: string } | { ok: false; reason: string };

/** Finds or fetches OpenBLAS; never throws: a failure is a reason, with the command that fixes it. */
export async function locateOpenBlas(log: (message: string) => void): Promise<OpenBlasSetup> {
  const installed = SYSTEM_OPENBLAS_DIRS.find((dir) => existsSync(join(dir, 'libblas.so.3')));
  if (installed) return { ok: true, dir: installed, source: `the installed package ${OPENBLAS_PACKAGE}` };
  const extracted = join(CACHE_DIR, OPENBLAS_PACKAGE);
  let found = findOpenBlasDir(extracted);
  if (!found) {
    log(`fetching ${OPENBLAS_PACKAGE} for the baselines into ${CACHE_DIR} (apt-get download + dpkg -x; nothing is installed)`);
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const cachedDeb = () => readdirSync(CACHE_DIR).find((file) => file.startsWith(`${OPENBLAS_PACKAGE}_`) && file.endsWith('.deb') && statSync(join(CACHE_DIR, file)).size > 0);
      if (!cachedDeb()) await run('apt-get', ['download', OPENBLAS_PACKAGE], { cwd: CACHE_DIR, timeout: 300_000 });
      const deb = cachedDeb();
      if (!deb) throw new Error(`apt-get download left no ${OPENBLAS_PACKAGE}_*.deb`);
      await run('dpkg', ['-x', join(CACHE_DIR, deb), extracted], { timeout: 120_000 });
      found = findOpenBlasDir(extracted);
      if (!found) throw new Error(`${deb} holds no openblas-openmp/libblas.so.3`);
    } catch (error) {
      const detail = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').pop();
      return {
        ok: false,
        reason:
          `could not get OpenBLAS for the baselines (${detail}); without it Debian's NumPy and torch run on the reference BLAS, not a fair baseline. ` +
          `Fix: \`apt-get update && mkdir -p bench/.cache && cd bench/.cache && apt-get download ${OPENBLAS_PACKAGE} && dpkg -x ${OPENBLAS_PACKAGE}_*.deb ${OPENBLAS_PACKAGE}\` ` +
          `(or \`apt-get install ${OPENBLAS_PACKAGE}\`)`,
      };
    }
  }
  return { ok: true, dir: found, source: `${OPENBLAS_PACKAGE} extracted into ${extracted}` };
}

/** The folder holding openblas-openmp's libblas.so.3 under an extracted package, if any. */
function findOpenBlasDir(root: string): string | undefined {
  const libRoot = join(root, 'usr', 'lib');
  if (!existsSync(libRoot)) return undefined;
  for (const triplet of readdirSync(libRoot)) {
    const dir = join(libRoot, triplet, 'openblas-openmp');
    if (existsSync(join(dir, 'libblas.so.3'))) return dir;
  }
  return undefined;
}

/** `environment` with `openBlasDir` first on its LD_LIBRARY_PATH. */
export function withOpenBlas(environment: NodeJS.ProcessEnv, openBlasDir: string): NodeJS.ProcessEnv {
  return { ...environment, LD_LIBRARY_PATH: [openBlasDir, environment.LD_LIBRARY_PATH].filter(Boolean).join(':') };
}
